-- Authorization decisions on sensitive operations (MLPS 2.0 level 3 security audit): who asked
-- for what and what was decided. Append-only: the service role may insert and read (its own
-- tenants' rows, as an auditor), never change or delete a row.
CREATE TABLE authorization_audit (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    tenant         text,
    subject        text        NOT NULL,
    username       text,
    roles          text[]      NOT NULL,
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         int         NOT NULL,
    decision       text        NOT NULL CHECK (decision IN ('ALLOWED', 'DENIED', 'REFUSED')),
    correlation_id text
);
CREATE INDEX authorization_audit_tenant_at ON authorization_audit (tenant, at DESC);

ALTER TABLE authorization_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON authorization_audit USING (dsr_visible(tenant))
    WITH CHECK (tenant IS NULL OR dsr_visible(tenant));

GRANT SELECT, INSERT ON authorization_audit TO ${app_role};
GRANT USAGE ON SEQUENCE authorization_audit_id_seq TO ${app_role};
