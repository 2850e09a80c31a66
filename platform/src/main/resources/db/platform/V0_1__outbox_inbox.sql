-- Platform tables every service database has. Versions 0.x belong to the platform; a service's
-- own migrations start at 1. ${app_role} is the role the running service connects as: it does
-- not own the tables, so it cannot bypass row-level security or alter the schema.

-- Row-level-security predicate. app.tenant holds the comma-separated scopes the current
-- transaction may see: a division code ('411622'), or a prefix ending in '*' ('4116*') with
-- which a city detachment sees all of its districts (GB/T 2260 codes nest by prefix).
CREATE FUNCTION dsr_visible(row_tenant text) RETURNS boolean
    LANGUAGE sql STABLE AS
$$ SELECT EXISTS (
       SELECT 1 FROM unnest(string_to_array(coalesce(current_setting('app.tenant', true), ''), ',')) AS scope
        WHERE row_tenant = scope OR (scope LIKE '%*' AND row_tenant LIKE replace(scope, '*', '%'))) $$;

CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    topic          text        NOT NULL,
    message_key    text        NOT NULL,
    type           text        NOT NULL,
    source         text        NOT NULL,
    subject        text,
    tenant         text,
    dataschema     text,
    correlation_id text,
    occurred_at    timestamptz NOT NULL,
    payload        bytea       NOT NULL,
    sent_at        timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE inbox (
    consumer    text        NOT NULL,
    event_id    uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON outbox TO ${app_role};
GRANT USAGE ON SEQUENCE outbox_id_seq TO ${app_role};
GRANT SELECT, INSERT ON inbox TO ${app_role};
