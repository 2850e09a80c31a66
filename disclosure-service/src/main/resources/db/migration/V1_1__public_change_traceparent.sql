-- The W3C traceparent of the span that made the change public, published as the feed event's
-- CloudEvents distributed-tracing attribute: which request caused it. Null for older changes.
ALTER TABLE public_change ADD COLUMN traceparent text;
