-- The draw service's own replica of the roster (event-carried state from roster-service):
-- draws read only these tables, never roster's database.
CREATE TABLE replica_org_unit (
    code            text PRIMARY KEY,
    name            text        NOT NULL,
    kind            text        NOT NULL,
    parent_code     text,
    tenant          text        NOT NULL,
    status          text        NOT NULL,
    roster_revision bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The newest roster revision seen per tenant: what a draw freezes and records.
CREATE TABLE replica_roster_revision (
    tenant   text PRIMARY KEY,
    revision bigint NOT NULL
);

ALTER TABLE replica_org_unit ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_roster_revision ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON replica_org_unit USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_roster_revision USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON replica_org_unit, replica_roster_revision TO ${app_role};
