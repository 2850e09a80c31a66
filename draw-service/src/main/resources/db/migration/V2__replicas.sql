-- The rest of the roster replica (entities, items, inspectors, in-post counts, conflicts) and the
-- inspection history. Every roster row keeps the tenant roster revision it was written at; an
-- older revision never overwrites a newer one.

CREATE TABLE replica_entity (
    id                uuid PRIMARY KEY,
    tenant            text        NOT NULL,
    uscc              text        NOT NULL,
    name              text        NOT NULL,
    address           text,
    district          text        NOT NULL,
    status            text        NOT NULL,
    registration_date date,
    industry          text,
    category          text        NOT NULL,
    off_site          boolean     NOT NULL,
    credit_risk       text,
    positive_list     boolean     NOT NULL,
    -- supervision types, pollutant kinds and flags: what a plan's scope selects by tag
    labels            text[]      NOT NULL,
    roster_revision   bigint      NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX replica_entity_tenant ON replica_entity (tenant, category);
CREATE INDEX replica_entity_uscc ON replica_entity (uscc);

CREATE TABLE replica_item (
    id                 uuid PRIMARY KEY,
    list_id            uuid        NOT NULL,
    tenant             text        NOT NULL,
    year               int         NOT NULL,
    list_version       int         NOT NULL,
    status             text        NOT NULL,
    seq                int         NOT NULL,
    category           text        NOT NULL,
    name               text        NOT NULL,
    item_class         text        NOT NULL,
    methods            text[]      NOT NULL,
    required_expertise text[]      NOT NULL,
    roster_revision    bigint      NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE replica_inspector (
    id                      uuid PRIMARY KEY,
    tenant                  text        NOT NULL,
    name                    text        NOT NULL,
    unit                    text        NOT NULL,
    department              text,
    kind                    text        NOT NULL,
    certificate_no          text,
    certificate_valid_until date,
    expertise               text[]      NOT NULL,
    status                  text        NOT NULL,
    home_district           text        NOT NULL,
    roster_revision         bigint      NOT NULL,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE replica_in_post_count (
    tenant          text   NOT NULL,
    year            int    NOT NULL,
    count           int    NOT NULL,
    roster_revision bigint NOT NULL,
    PRIMARY KEY (tenant, year)
);

CREATE TABLE replica_conflict (
    id              uuid PRIMARY KEY,
    tenant          text   NOT NULL,
    inspector_id    uuid   NOT NULL,
    entity_id       uuid   NOT NULL,
    relation        text   NOT NULL,
    valid_from      date   NOT NULL,
    valid_until     date,
    status          text   NOT NULL,
    roster_revision bigint NOT NULL
);
CREATE INDEX replica_conflict_pair ON replica_conflict (inspector_id, entity_id);

-- Inspection history (from inspection.records.v1): the latest version of each task's record. The row
-- belongs to the inspecting bureau; the entity's own district may read it too, so a district
-- draw sees that its city checked one of its entities.
CREATE TABLE replica_inspection (
    task_id         text PRIMARY KEY,
    record_id       text    NOT NULL,
    draw_id         text,
    tenant          text    NOT NULL,
    entity          text    NOT NULL,
    entity_district text,
    random          boolean NOT NULL,
    inspection_date date    NOT NULL,
    year            int     NOT NULL,
    conclusion      text    NOT NULL,
    problem_found   boolean NOT NULL,
    higher_level    boolean NOT NULL,
    inspectors      text[]  NOT NULL,
    version         int     NOT NULL
);
CREATE INDEX replica_inspection_entity ON replica_inspection (entity, year);

ALTER TABLE replica_entity ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_inspector ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_in_post_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_conflict ENABLE ROW LEVEL SECURITY;
ALTER TABLE replica_inspection ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON replica_entity USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_item USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_inspector USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_in_post_count USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_conflict USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON replica_inspection USING (dsr_visible(tenant) OR dsr_visible(entity_district))
    WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON replica_entity, replica_item, replica_inspector, replica_in_post_count,
    replica_conflict, replica_inspection TO ${app_role};
