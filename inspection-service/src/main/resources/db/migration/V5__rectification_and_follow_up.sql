-- Rectifications (整改) opened by records that found a problem, and every step on them: progress
-- reports (reason and stage, 001), completion with evidence, or cancellation when an approved
-- correction finds no problem after all. The status is the latest step; nothing is overwritten.
CREATE TABLE rectification (
    rectification_id uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    task_id          text        NOT NULL REFERENCES task (task_id),
    record_id        uuid        NOT NULL REFERENCES inspection_record (record_id),
    problems         jsonb       NOT NULL,
    ordered_on       date        NOT NULL,
    deadline         date        NOT NULL,
    opened_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_task ON rectification (task_id);

CREATE TABLE rectification_step (
    id               bigserial PRIMARY KEY,
    rectification_id uuid        NOT NULL REFERENCES rectification (rectification_id),
    tenant           text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('PROGRESS', 'COMPLETED', 'CANCELLED')),
    reported_on      date        NOT NULL,
    stage            text,
    reason           text,
    description      text,
    evidence         uuid[]      NOT NULL DEFAULT '{}',
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_step_of ON rectification_step (rectification_id, id);

-- Follow-up outcomes of a visit: a case opened (立案) or a transfer (移送).
CREATE TABLE follow_up (
    follow_up_id    uuid PRIMARY KEY,
    tenant          text        NOT NULL,
    task_id         text        NOT NULL REFERENCES task (task_id),
    record_id       uuid        NOT NULL REFERENCES inspection_record (record_id),
    kind            text        NOT NULL CHECK (kind IN ('CASE_OPENED', 'TRANSFERRED')),
    case_number     text,
    opened_on       date,
    target          text CHECK (target IN ('OTHER_AGENCY', 'JUDICIAL_ORGAN')),
    receiving_organ text,
    transferred_on  date,
    reason          text,
    document_number text,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'CASE_OPENED') = (case_number IS NOT NULL AND opened_on IS NOT NULL)),
    CHECK ((kind = 'TRANSFERRED') = (target IS NOT NULL AND receiving_organ IS NOT NULL AND transferred_on IS NOT NULL))
);
CREATE UNIQUE INDEX follow_up_case_number ON follow_up (tenant, case_number) WHERE kind = 'CASE_OPENED';
CREATE INDEX follow_up_task ON follow_up (task_id);

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON rectification FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON rectification FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON rectification_step FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON rectification_step FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON follow_up FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON follow_up FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE rectification ENABLE ROW LEVEL SECURITY;
ALTER TABLE rectification_step ENABLE ROW LEVEL SECURITY;
ALTER TABLE follow_up ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON rectification USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON rectification_step USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON follow_up USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

REVOKE UPDATE, DELETE, TRUNCATE ON rectification, rectification_step, follow_up FROM ${app_role};
GRANT SELECT, INSERT ON rectification, rectification_step, follow_up TO ${app_role};
GRANT USAGE ON SEQUENCE rectification_step_id_seq TO ${app_role};
