-- What a test handler did: one row per applied event, so "applied twice" is visible.
CREATE TABLE applied (
    seq        bigserial PRIMARY KEY,
    event_id   uuid        NOT NULL,
    subject    text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
GRANT SELECT, INSERT ON applied TO ${app_role};
GRANT USAGE ON SEQUENCE applied_seq_seq TO ${app_role};
