-- Tasks (检查任务): one per visit of an executed draw, or one per targeted inspection. The
-- tenant is the entity's district, whose record it is; a city-level draw creates tasks in each
-- of its districts.
CREATE TABLE task (
    task_id          text PRIMARY KEY,
    tenant           text        NOT NULL,
    draw_id          text,
    period           text,
    random           boolean     NOT NULL,
    targeted_reason  text CHECK (targeted_reason IN ('COMPLAINT', 'REFERRAL', 'INCIDENT', 'MONITORING_ALERT')),
    targeted_note    text,
    entity_uscc      text        NOT NULL,
    entity_name      text        NOT NULL,
    entity_address   text,
    entity_district  text        NOT NULL,
    entity_category  text,
    method           text        NOT NULL CHECK (method IN ('ON_SITE', 'WRITTEN', 'ONLINE', 'OFF_SITE')),
    items            jsonb       NOT NULL,
    joint            jsonb,
    state            text        NOT NULL CHECK (state IN ('ASSIGNED', 'IN_PROGRESS', 'SUBMITTED', 'AMENDED', 'WITHDRAWN')),
    inspection_date  date,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (random = (targeted_reason IS NULL)),
    CHECK (random = (draw_id IS NOT NULL))
);
CREATE INDEX task_draw ON task (draw_id);
CREATE INDEX task_open ON task (tenant, state) WHERE state IN ('ASSIGNED', 'IN_PROGRESS');

-- The team of each visit, with its history: a replaced inspector stays on file, inactive.
-- home_tenant is the inspector's own bureau: in a cross-district draw (异地交叉执法, 003) the
-- inspector sees the assignment from home, which is how they find a task of another district.
CREATE TABLE task_member (
    task_id      text        NOT NULL REFERENCES task (task_id),
    inspector_id text        NOT NULL,
    name         text        NOT NULL,
    kind         text        NOT NULL,
    district     text,
    tenant       text        NOT NULL,
    home_tenant  text        NOT NULL,
    active       boolean     NOT NULL DEFAULT true,
    joined_at    timestamptz NOT NULL DEFAULT now(),
    left_at      timestamptz,
    left_reason  text,
    replaced_by  text,
    PRIMARY KEY (task_id, inspector_id)
);
CREATE INDEX task_member_inspector ON task_member (inspector_id) WHERE active;

ALTER TABLE task ENABLE ROW LEVEL SECURITY;
ALTER TABLE task_member ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON task USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON task_member USING (dsr_visible(tenant) OR dsr_visible(home_tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON task, task_member TO ${app_role};
