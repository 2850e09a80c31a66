-- disclosure-service (一公开). Two kinds of tables: the internal ones, each bureau's own under
-- row-level security (what was drawn, every record version, settings), and the public ones,
-- which hold only what the public may read and which anyone may SELECT; writing any row still
-- needs the row's tenant in app.tenant.

CREATE TABLE disclosure_settings (
    tenant                text PRIMARY KEY,
    deadline_working_days integer     NOT NULL CHECK (deadline_working_days BETWEEN 1 AND 60),
    review_required       boolean     NOT NULL,
    updated_by            text        NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Replica of the entity roster (检查对象名录库), from roster.entities.v1: names for the yearly list
-- and the entity counts per category.
CREATE TABLE roster_entity (
    id        text PRIMARY KEY,
    tenant    text NOT NULL,
    uscc      text NOT NULL,
    name      text NOT NULL,
    district  text NOT NULL,
    category  text NOT NULL,
    status    text NOT NULL,
    revision  bigint NOT NULL
);
CREATE INDEX roster_entity_tenant ON roster_entity (tenant);

-- Visits as drawn. CONFIDENTIAL: never read by a public endpoint; the statistics count them.
CREATE TABLE drawn_visit (
    visit_id     text PRIMARY KEY,
    draw_id      text    NOT NULL,
    tenant       text    NOT NULL,
    district     text    NOT NULL,
    period       text    NOT NULL,
    uscc         text    NOT NULL,
    joint        boolean NOT NULL,
    credit_risk  boolean NOT NULL,
    items        jsonb   NOT NULL,
    void         boolean NOT NULL DEFAULT false
);
CREATE INDEX drawn_visit_draw ON drawn_visit (draw_id);

-- Every version of every inspection record, with where it stands in its publication.
CREATE TABLE result_version (
    result_id        text        NOT NULL,
    version          integer     NOT NULL,
    tenant           text        NOT NULL,
    district         text        NOT NULL,
    uscc             text        NOT NULL,
    name             text        NOT NULL,
    draw_id          text,
    period           text        NOT NULL,
    random           boolean     NOT NULL,
    inspection_date  date        NOT NULL,
    submitted_at     timestamptz NOT NULL,
    entered_on_time  boolean     NOT NULL,
    conclusion       text        NOT NULL,
    record           jsonb       NOT NULL,
    state            text        NOT NULL CHECK (state IN ('AWAITING_REVIEW', 'PUBLISHED', 'SUPERSEDED', 'WITHDRAWN', 'WITHHELD', 'DISCARDED')),
    due              date        NOT NULL,
    published_at     timestamptz,
    published_by     text,
    PRIMARY KEY (result_id, version)
);
CREATE INDEX result_version_waiting ON result_version (due) WHERE state = 'AWAITING_REVIEW';
CREATE INDEX result_version_period ON result_version (period, district);

-- What followed a visit: rectification status and deadline, case number, transfer.
CREATE TABLE result_follow_up (
    result_id              text PRIMARY KEY,
    tenant                 text NOT NULL,
    rectification          text,
    rectification_deadline date,
    case_number            text,
    transferred_to         text
);

-- ---- public tables

-- Plans as frozen by their draw (抽查计划公开).
CREATE TABLE public_plan (
    plan_id      text PRIMARY KEY,
    tenant       text        NOT NULL,
    period       text        NOT NULL,
    draw_id      text        NOT NULL,
    planned      integer     NOT NULL,
    credit_risk  boolean     NOT NULL,
    document     jsonb       NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX public_plan_period ON public_plan (tenant, period);

-- Draws: the commitment from scheduling on, the lifecycle after (the record itself is served by draw-service).
CREATE TABLE public_draw (
    draw_id          text PRIMARY KEY,
    tenant           text        NOT NULL,
    level            text        NOT NULL,
    period           text        NOT NULL,
    plan_ids         jsonb       NOT NULL,
    input_digest     text        NOT NULL,
    roster_revisions text        NOT NULL,
    sources          jsonb       NOT NULL,
    replaces         text,
    scheduled_at     timestamptz NOT NULL,
    executed_at      timestamptz,
    result_digest    text,
    cancelled_at     timestamptz,
    cancel_reason    text
);
CREATE INDEX public_draw_period ON public_draw (tenant, period);

-- Published result versions: the redacted document only. Withheld and unpublished versions never appear.
CREATE TABLE public_result (
    result_id       text        NOT NULL,
    version         integer     NOT NULL,
    tenant          text        NOT NULL,
    district        text        NOT NULL,
    uscc            text        NOT NULL,
    name            text        NOT NULL,
    period          text        NOT NULL,
    inspection_date date        NOT NULL,
    conclusion      text        NOT NULL,
    current         boolean     NOT NULL,
    revision        integer     NOT NULL,
    document        jsonb       NOT NULL,
    published_at    timestamptz NOT NULL,
    PRIMARY KEY (result_id, version)
);
CREATE INDEX public_result_uscc ON public_result (uscc);
CREATE INDEX public_result_period ON public_result (period, district);
CREATE INDEX public_result_name ON public_result USING gin (to_tsvector('simple', name));

-- Yearly lists of entities under random inspection (年度随机抽查对象名录).
CREATE TABLE public_yearly_list (
    tenant       text        NOT NULL,
    year         integer     NOT NULL,
    entities     jsonb       NOT NULL,
    published_by text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, year)
);

-- The change log: every public change in order. It is the open-data change feed (cursor = id)
-- and the outbox of the external feed disclosure.public.v1 (the relay marks rows sent).
CREATE TABLE public_change (
    id         bigserial PRIMARY KEY,
    event_id   uuid        NOT NULL UNIQUE,
    type       text        NOT NULL,
    key        text        NOT NULL,
    subject    text        NOT NULL,
    tenant     text        NOT NULL,
    time       timestamptz NOT NULL,
    data       jsonb       NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX public_change_unsent ON public_change (id) WHERE sent_at IS NULL;

ALTER TABLE disclosure_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE roster_entity ENABLE ROW LEVEL SECURITY;
ALTER TABLE drawn_visit ENABLE ROW LEVEL SECURITY;
ALTER TABLE result_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE result_follow_up ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON disclosure_settings USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON roster_entity USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON drawn_visit USING (dsr_visible(tenant) OR dsr_visible(district)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON result_version USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON result_follow_up USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

ALTER TABLE public_plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_draw ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_result ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_yearly_list ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY anyone_reads ON public_plan FOR SELECT USING (true);
CREATE POLICY anyone_reads ON public_draw FOR SELECT USING (true);
CREATE POLICY anyone_reads ON public_result FOR SELECT USING (true);
CREATE POLICY anyone_reads ON public_yearly_list FOR SELECT USING (true);
CREATE POLICY anyone_reads ON public_change FOR SELECT USING (true);
CREATE POLICY tenant_inserts ON public_plan FOR INSERT WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_inserts ON public_draw FOR INSERT WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_updates ON public_draw FOR UPDATE USING (dsr_visible(tenant));
CREATE POLICY tenant_inserts ON public_result FOR INSERT WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_updates ON public_result FOR UPDATE USING (dsr_visible(tenant));
CREATE POLICY tenant_deletes ON public_result FOR DELETE USING (dsr_visible(tenant));
CREATE POLICY tenant_inserts ON public_yearly_list FOR INSERT WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_inserts ON public_change FOR INSERT WITH CHECK (dsr_visible(tenant));
-- the relay marks any bureau's change sent; it can touch nothing else (column grant below)
CREATE POLICY relay_marks_sent ON public_change FOR UPDATE USING (true);

GRANT SELECT, INSERT, UPDATE ON disclosure_settings, roster_entity, drawn_visit, result_version, result_follow_up TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON public_plan, public_draw TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON public_result TO ${app_role};
GRANT SELECT, INSERT ON public_yearly_list TO ${app_role};
GRANT SELECT, INSERT ON public_change TO ${app_role};
GRANT UPDATE (sent_at) ON public_change TO ${app_role};
GRANT USAGE ON SEQUENCE public_change_id_seq TO ${app_role};

-- The public may know how many records of a period are withheld as national secrets, not which:
-- this function counts past row-level security and returns the number only.
CREATE FUNCTION public_withheld_count(p_period text, p_district text) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT count(*) FROM result_version v
    WHERE v.state = 'WITHHELD' AND v.period = p_period AND (p_district IS NULL OR v.district = p_district)
      AND v.version = (SELECT max(w.version) FROM result_version w WHERE w.result_id = v.result_id) $$;
GRANT EXECUTE ON FUNCTION public_withheld_count(text, text) TO ${app_role};
