-- Org units (组织机构): the city detachment (支队), its district branches (分局), and departments
-- (科室/股室) inside a bureau. The tenant of a unit is its bureau's division code.
CREATE TABLE org_unit (
    code        text PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('CITY', 'DISTRICT', 'DEPARTMENT')),
    parent_code text REFERENCES org_unit (code),
    tenant      text        NOT NULL,
    status      text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISSOLVED')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Each tenant's roster revision increases with every change to its rosters; draws record the
-- revision they froze, and the roster can be read as of a revision.
CREATE TABLE roster_revision (
    tenant   text PRIMARY KEY,
    revision bigint NOT NULL
);

-- Every change: who, when, what, why, and the full state after it (全程留痕).
CREATE TABLE roster_change (
    id           bigserial PRIMARY KEY,
    tenant       text        NOT NULL,
    revision     bigint      NOT NULL,
    aggregate    text        NOT NULL,
    aggregate_id text        NOT NULL,
    action       text        NOT NULL,
    actor        text        NOT NULL,
    reason       text,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    state        jsonb       NOT NULL,
    UNIQUE (tenant, revision)
);
CREATE INDEX roster_change_aggregate ON roster_change (aggregate, aggregate_id, revision);

ALTER TABLE org_unit ENABLE ROW LEVEL SECURITY;
ALTER TABLE roster_revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE roster_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON org_unit USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON roster_revision USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON roster_change USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON org_unit, roster_revision TO ${app_role};
GRANT SELECT, INSERT ON roster_change TO ${app_role};
GRANT USAGE ON SEQUENCE roster_change_id_seq TO ${app_role};
