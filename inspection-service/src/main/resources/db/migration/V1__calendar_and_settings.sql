-- Changes an administrator made to the official working-day calendar: a whole year's notice
-- (the holiday-cn format) or one day fixed. The calendar is national, so these rows have no
-- tenant; the service replays them in id order over the calendar it ships with.
CREATE TABLE calendar_change (
    id         bigserial PRIMARY KEY,
    year       int         NOT NULL,
    notice     jsonb,
    day        date,
    off_day    boolean,
    name       text,
    reason     text,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((notice IS NOT NULL) <> (day IS NOT NULL)),
    CHECK (day IS NULL OR (off_day IS NOT NULL AND extract(year FROM day) = year))
);

-- A bureau's deadlines: N working days to enter a record (7 in seed 000, 20 in 002/004) and
-- the months a rectification is given (3 as a rule, 001).
CREATE TABLE tenant_settings (
    tenant                   text PRIMARY KEY,
    record_due_working_days  int         NOT NULL CHECK (record_due_working_days BETWEEN 1 AND 60),
    rectification_months     int         NOT NULL CHECK (rectification_months BETWEEN 1 AND 24),
    updated_by               text        NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- Refuses UPDATE, DELETE and TRUNCATE on the tables that are a permanent record (全程留痕):
-- the grants already withhold them from the service's role, this stops the owner too.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON calendar_change FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON calendar_change FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON tenant_settings USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

REVOKE UPDATE, DELETE, TRUNCATE ON calendar_change FROM ${app_role};
GRANT SELECT, INSERT ON calendar_change TO ${app_role};
GRANT USAGE ON SEQUENCE calendar_change_id_seq TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON tenant_settings TO ${app_role};
