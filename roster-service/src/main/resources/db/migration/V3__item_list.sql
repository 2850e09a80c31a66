-- Item list (随机抽查事项清单), versioned per tenant and year. A draft is edited; publishing
-- freezes it and supersedes the previously published version of that year. Changing a
-- published list means a new version.
CREATE TABLE item_list (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    year         int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version      int         NOT NULL CHECK (version >= 1),
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    based_on     uuid REFERENCES item_list (id),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_by text,
    published_at timestamptz,
    revision     bigint,
    UNIQUE (tenant, year, version)
);
-- one draft at a time per tenant and year
CREATE UNIQUE INDEX item_list_one_draft ON item_list (tenant, year) WHERE status = 'DRAFT';

CREATE TABLE check_item (
    id      uuid PRIMARY KEY,
    list_id uuid  NOT NULL REFERENCES item_list (id),
    tenant  text  NOT NULL,
    seq     int   NOT NULL CHECK (seq >= 1),
    state   jsonb NOT NULL,
    UNIQUE (list_id, seq)
);

-- The second wall behind the service: items of a list that is no longer a draft cannot change,
-- and a list can only move forward DRAFT → PUBLISHED → SUPERSEDED.
CREATE FUNCTION check_item_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    list_status text;
BEGIN
    SELECT status INTO list_status FROM item_list WHERE id = coalesce(NEW.list_id, OLD.list_id);
    IF list_status IS DISTINCT FROM 'DRAFT' THEN
        RAISE EXCEPTION 'item list % is %: published items are immutable', coalesce(NEW.list_id, OLD.list_id), list_status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER check_item_frozen BEFORE INSERT OR UPDATE OR DELETE ON check_item
    FOR EACH ROW EXECUTE FUNCTION check_item_frozen();

CREATE FUNCTION item_list_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (OLD.status = NEW.status AND OLD.status = 'DRAFT'
            OR OLD.status = 'DRAFT' AND NEW.status = 'PUBLISHED'
            OR OLD.status = 'PUBLISHED' AND NEW.status = 'SUPERSEDED') THEN
        RAISE EXCEPTION 'item list % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER item_list_forward_only BEFORE UPDATE ON item_list
    FOR EACH ROW EXECUTE FUNCTION item_list_forward_only();

ALTER TABLE item_list ENABLE ROW LEVEL SECURITY;
ALTER TABLE check_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON item_list USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON check_item USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON item_list TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON check_item TO ${app_role};
