-- Declared conflicts of interest (回避): an inspector must not be matched with these entities
-- while the declaration is valid. Rows are never deleted; revocation is a state.
CREATE TABLE conflict (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    inspector_id uuid        NOT NULL REFERENCES inspector (id),
    entity_id    uuid        NOT NULL REFERENCES supervised_entity (id),
    status       text        NOT NULL CHECK (status IN ('DECLARED', 'APPROVED', 'REVOKED')),
    revision     bigint      NOT NULL,
    state        jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conflict_pair ON conflict (inspector_id, entity_id);

ALTER TABLE conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON conflict USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON conflict TO ${app_role};
