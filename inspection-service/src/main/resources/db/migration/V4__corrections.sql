-- Corrections (更正): the request with the corrected record, and the head's decision, each
-- written once. An approved request becomes a new inspection_record version.
CREATE TABLE correction_request (
    correction_id uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    task_id       text        NOT NULL REFERENCES task (task_id),
    base_version  int         NOT NULL,
    proposed      jsonb       NOT NULL,
    reason        text        NOT NULL,
    requested_by  text        NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX correction_request_task ON correction_request (task_id);

CREATE TABLE correction_decision (
    correction_id uuid PRIMARY KEY REFERENCES correction_request (correction_id),
    tenant        text        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('APPROVED', 'REJECTED')),
    comment       text,
    decided_by    text        NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON correction_request FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON correction_request FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON correction_decision FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON correction_decision FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE correction_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE correction_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON correction_request USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON correction_decision USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

REVOKE UPDATE, DELETE, TRUNCATE ON correction_request, correction_decision FROM ${app_role};
GRANT SELECT, INSERT ON correction_request, correction_decision TO ${app_role};
