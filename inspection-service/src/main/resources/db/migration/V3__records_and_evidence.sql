-- Evidence (证据材料): photos, documents, audio, video, with their SHA-256. Metadata and bytes
-- are apart so listings never read the content; both are append-only like the records.
CREATE TABLE evidence (
    evidence_id  uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    task_id      text        NOT NULL REFERENCES task (task_id),
    kind         text        NOT NULL CHECK (kind IN ('PHOTO', 'DOCUMENT', 'AUDIO', 'VIDEO')),
    content_type text        NOT NULL,
    filename     text,
    size_bytes   bigint      NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_task ON evidence (task_id);

CREATE TABLE evidence_content (
    evidence_id uuid PRIMARY KEY REFERENCES evidence (evidence_id),
    tenant      text  NOT NULL,
    content     bytea NOT NULL
);

-- Field records (现场检查记录表), every version: version 1 as submitted, later versions only
-- from approved corrections, each naming the version it supersedes. Never updated or deleted.
CREATE TABLE inspection_record (
    record_id        uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    task_id          text        NOT NULL REFERENCES task (task_id),
    version          int         NOT NULL CHECK (version >= 1),
    supersedes       int,
    correction_id    uuid,
    inspection_date  date        NOT NULL,
    due_date         date        NOT NULL,
    conclusion       text        NOT NULL,
    problem_found    boolean     NOT NULL,
    content          jsonb       NOT NULL,
    submitted_by     text        NOT NULL,
    submitted_at     timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL,
    UNIQUE (task_id, version),
    CHECK ((version = 1) = (supersedes IS NULL)),
    CHECK ((version = 1) = (correction_id IS NULL))
);

-- Idempotency keys of submissions: the same key and body give the same record back; the same
-- key with another body is refused. Scoped by the caller, as a device generates its own keys.
CREATE TABLE submission_key (
    subject      text        NOT NULL,
    key          text        NOT NULL,
    tenant       text        NOT NULL,
    request_hash text        NOT NULL,
    task_id      text        NOT NULL,
    record_id    uuid        NOT NULL REFERENCES inspection_record (record_id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, key)
);

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON inspection_record FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON inspection_record FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON submission_key FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON submission_key FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON evidence FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON evidence_content FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON evidence_content FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence_content ENABLE ROW LEVEL SECURITY;
ALTER TABLE inspection_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE submission_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON evidence USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON evidence_content USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON inspection_record USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON submission_key USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

REVOKE UPDATE, DELETE, TRUNCATE ON evidence, evidence_content, inspection_record, submission_key FROM ${app_role};
GRANT SELECT, INSERT ON evidence, evidence_content, inspection_record, submission_key TO ${app_role};
