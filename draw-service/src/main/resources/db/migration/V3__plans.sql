-- Plans (抽查计划) and the tenant settings they are checked against.

-- The lowest ratio a tenant allows per supervision category (seeds differ: 25 %, 50 %, 3 %…).
CREATE TABLE tenant_minimum_ratio (
    tenant       text        NOT NULL,
    category     text        NOT NULL CHECK (category IN ('KEY', 'SPECIAL', 'GENERAL')),
    min_ratio_bp int         NOT NULL CHECK (min_ratio_bp BETWEEN 0 AND 10000),
    set_by       text        NOT NULL,
    set_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, category)
);

-- Numbering of plans and draws per tenant and period: ids are read aloud and printed.
CREATE TABLE id_sequence (
    tenant text NOT NULL,
    scope  text NOT NULL,
    last   int  NOT NULL,
    PRIMARY KEY (tenant, scope)
);

-- One quarterly plan. A yearly plan is stored as its quarters, sharing a series id. The body is
-- the plan as submitted (items, scope, strata, exclusions, joint, team size, cap).
CREATE TABLE plan (
    id         text PRIMARY KEY,
    tenant     text        NOT NULL,
    level      text        NOT NULL CHECK (level IN ('DISTRICT', 'CITY')),
    period     text        NOT NULL CHECK (period ~ '^[0-9]{4}Q[1-4]$'),
    series     text,
    status     text        NOT NULL CHECK (status IN ('DRAFT', 'SCHEDULED', 'EXECUTED', 'CLOSED')),
    title      text        NOT NULL,
    body       jsonb       NOT NULL,
    draw_id    text,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    closed_by  text,
    closed_at  timestamptz
);
CREATE INDEX plan_tenant ON plan (tenant, period);

ALTER TABLE tenant_minimum_ratio ENABLE ROW LEVEL SECURITY;
ALTER TABLE id_sequence ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenant_minimum_ratio USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON id_sequence USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON plan USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON tenant_minimum_ratio, id_sequence, plan TO ${app_role};
