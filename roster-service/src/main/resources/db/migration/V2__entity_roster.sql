-- Entity roster (检查对象名录库). The current state of each entity is a JSON document — the same
-- document the change log keeps and the state event carries — with the columns searches and
-- constraints need beside it. History and as-of reads come from roster_change.
CREATE TABLE supervised_entity (
    id         uuid PRIMARY KEY,
    tenant     text        NOT NULL,
    uscc       text        NOT NULL CHECK (length(uscc) = 18),
    name       text        NOT NULL,
    district   text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('ACTIVE', 'DEREGISTERED', 'CLOSED')),
    category   text        NOT NULL CHECK (category IN ('KEY', 'SPECIAL', 'GENERAL')),
    revision   bigint      NOT NULL,
    state      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, uscc)
);
CREATE INDEX supervised_entity_district ON supervised_entity (tenant, district, name);

-- A tenant's supervision-category rules (absent: the default preset).
CREATE TABLE category_rule_set (
    tenant     text PRIMARY KEY,
    rules      jsonb       NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- As-of-date reads and the quarterly change report scan the log by tenant, aggregate and time.
CREATE INDEX roster_change_time ON roster_change (tenant, aggregate, changed_at);

ALTER TABLE supervised_entity ENABLE ROW LEVEL SECURITY;
ALTER TABLE category_rule_set ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON supervised_entity USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON category_rule_set USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON supervised_entity, category_rule_set TO ${app_role};
