-- Replacing one inspector on one visit (001: 执法人员调整 for post change, work conflict, health or
-- avoidance): requested with a reason, approved or rejected by the head; on approval the
-- substitute is drawn from the seed (docs/draw-format.md §14.8). The original assignment stays in
-- draw_record and draw_visit: replacements only add rows, and a decision is given once.
CREATE TABLE draw_replacement (
    id               bigserial PRIMARY KEY,
    draw_id          text        NOT NULL REFERENCES draw_record (draw_id),
    tenant           text        NOT NULL,
    visit_id         text        NOT NULL REFERENCES draw_visit (visit_id),
    entity           text        NOT NULL,
    replaced         text        NOT NULL,
    reason           text        NOT NULL CHECK (reason IN ('POST_CHANGE', 'WORK_CONFLICT', 'HEALTH', 'AVOIDANCE')),
    comment          text,
    requested_by     text        NOT NULL,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    decision         text CHECK (decision IN ('APPROVED', 'REJECTED')),
    decided_by       text,
    decided_at       timestamptz,
    -- §14.8: n (per draw, in approval order), the slot, the substitute and how many candidates it was drawn from
    number           int,
    slot             int,
    substitute       text,
    candidates       int,
    CHECK ((decision = 'APPROVED') = (number IS NOT NULL AND substitute IS NOT NULL)),
    UNIQUE (draw_id, number)
);
CREATE INDEX draw_replacement_draw ON draw_replacement (draw_id, id);

CREATE FUNCTION replacement_guard() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN
    IF NEW.draw_id <> OLD.draw_id OR NEW.tenant <> OLD.tenant OR NEW.visit_id <> OLD.visit_id OR NEW.entity <> OLD.entity
       OR NEW.replaced <> OLD.replaced OR NEW.reason <> OLD.reason OR NEW.comment IS DISTINCT FROM OLD.comment
       OR NEW.requested_by <> OLD.requested_by OR NEW.requested_at <> OLD.requested_at OR OLD.decision IS NOT NULL THEN
        RAISE EXCEPTION 'replacement %: only the pending decision may be given', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER replacement_guard BEFORE UPDATE ON draw_replacement FOR EACH ROW EXECUTE FUNCTION replacement_guard();
CREATE TRIGGER append_only BEFORE DELETE ON draw_replacement FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE draw_replacement ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON draw_replacement USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
GRANT SELECT, INSERT, UPDATE ON draw_replacement TO ${app_role};
GRANT USAGE ON SEQUENCE draw_replacement_id_seq TO ${app_role};
