-- The W3C trace context (traceparent) of the span that wrote the event, sent as the CloudEvents
-- distributed-tracing extension so the consumer continues the same trace. Null for rows written
-- before tracing and for work done outside any span.
ALTER TABLE outbox ADD COLUMN traceparent text;
