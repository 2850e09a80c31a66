-- Draws (双随机 抽取): the frozen input and its commitment, the randomness, the executed record,
-- the visits, cancellations, and the access log of undisclosed selections. Everything but the
-- draw's lifecycle columns is append-only: the service role has no UPDATE or DELETE on it, and
-- triggers refuse them even to the owner.

CREATE TABLE draw (
    id              text PRIMARY KEY,
    tenant          text        NOT NULL,
    level           text        NOT NULL CHECK (level IN ('DISTRICT', 'CITY')),
    period          text        NOT NULL,
    year            int         NOT NULL,
    plan_ids        text[]      NOT NULL,
    -- the plans as frozen: items with names and expertise, method, joint departments, team size, cap
    plans           jsonb       NOT NULL,
    input           text        NOT NULL,       -- JCS of the dsr-draw/1 input: the bytes committed to
    input_digest    text        NOT NULL CHECK (input_digest ~ '^[0-9a-f]{64}$'),
    roster_revision bigint      NOT NULL,       -- for a city draw the sum over the tenants read
    roster_revisions text       NOT NULL,       -- input.rosterRevision: every tenant's revision read
    replaces        text REFERENCES draw (id),
    status          text        NOT NULL CHECK (status IN ('SCHEDULED', 'EXECUTED', 'CANCELLED')),
    scheduled_by    text        NOT NULL,
    scheduled_at    timestamptz NOT NULL DEFAULT now(),
    disclosed_by    text,
    disclosed_at    timestamptz
);
CREATE UNIQUE INDEX draw_replaced_once ON draw (replaces) WHERE replaces IS NOT NULL;

-- The announced sources; a party source carries its commitment.
CREATE TABLE draw_source (
    draw_id    text NOT NULL REFERENCES draw (id),
    tenant     text NOT NULL,
    source     text NOT NULL,
    commitment text,
    PRIMARY KEY (draw_id, source)
);

CREATE TABLE draw_randomness (
    draw_id    text        NOT NULL REFERENCES draw (id),
    tenant     text        NOT NULL,
    source     text        NOT NULL,
    value      text        NOT NULL,
    entered_by text        NOT NULL,
    entered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (draw_id, source),
    FOREIGN KEY (draw_id, source) REFERENCES draw_source (draw_id, source)
);

-- The executed record {input, randomness, output, resultDigest}: one per draw, never changed.
CREATE TABLE draw_record (
    draw_id       text PRIMARY KEY REFERENCES draw (id),
    tenant        text        NOT NULL,
    record        text        NOT NULL,
    result_digest text        NOT NULL CHECK (result_digest ~ '^[0-9a-f]{64}$'),
    executed_by   text        NOT NULL,
    executed_at   timestamptz NOT NULL DEFAULT now()
);

-- One visit per drawn entity (进一次门、查多项事), as published in the draw-executed event.
CREATE TABLE draw_visit (
    visit_id text PRIMARY KEY,
    draw_id  text  NOT NULL REFERENCES draw_record (draw_id),
    tenant   text  NOT NULL,
    entity   text  NOT NULL,
    visit    jsonb NOT NULL
);
CREATE INDEX draw_visit_draw ON draw_visit (draw_id);

-- Who was drawn this year: the annual cap and the 1:N count read it. The row belongs to the
-- drawing bureau; the entity's district reads it too, so a city draw counts against the cap.
CREATE TABLE drawn_entity (
    draw_id   text    NOT NULL REFERENCES draw_record (draw_id),
    tenant    text    NOT NULL,
    district  text    NOT NULL,
    year      int     NOT NULL,
    stratum   text    NOT NULL,
    entity    text    NOT NULL,
    category  text    NOT NULL,
    credit_risk text,                -- the stratum's risk level when it is weighted by credit risk
    one_to_n  boolean NOT NULL,
    PRIMARY KEY (draw_id, stratum, entity)
);
CREATE INDEX drawn_entity_year ON drawn_entity (year, entity);

-- 不得随意变更: a cancellation is requested with a reason and approved by the head; it stays on record.
CREATE TABLE draw_cancellation (
    draw_id      text PRIMARY KEY REFERENCES draw (id),
    tenant       text        NOT NULL,
    reason       text        NOT NULL CHECK (length(btrim(reason)) > 0),
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    approved_by  text,
    approved_at  timestamptz
);

-- 抽查保密: every read of an undisclosed selection, written before the data is returned.
CREATE TABLE access_log (
    id          bigserial PRIMARY KEY,
    tenant      text        NOT NULL,
    draw_id     text        NOT NULL REFERENCES draw (id),
    subject     text        NOT NULL,
    username    text,
    roles       text[]      NOT NULL,
    purpose     text        NOT NULL CHECK (length(btrim(purpose)) > 0),
    what        text        NOT NULL,
    accessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_log_draw ON access_log (draw_id, accessed_at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON draw_source FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON draw_randomness FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON draw_record FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON draw_visit FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON drawn_entity FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE DELETE ON draw FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE DELETE ON draw_cancellation FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A draw's frozen input never changes; its status only moves forward and disclosure happens once.
CREATE FUNCTION draw_guard() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN
    IF NEW.id <> OLD.id OR NEW.tenant <> OLD.tenant OR NEW.level <> OLD.level OR NEW.period <> OLD.period
       OR NEW.plan_ids <> OLD.plan_ids OR NEW.plans <> OLD.plans OR NEW.input <> OLD.input
       OR NEW.input_digest <> OLD.input_digest OR NEW.roster_revision <> OLD.roster_revision
       OR NEW.roster_revisions <> OLD.roster_revisions
       OR NEW.replaces IS DISTINCT FROM OLD.replaces OR NEW.scheduled_by <> OLD.scheduled_by
       OR NEW.scheduled_at <> OLD.scheduled_at THEN
        RAISE EXCEPTION 'draw %: the frozen input and its commitment cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status <> OLD.status AND NOT (OLD.status = 'SCHEDULED' AND NEW.status IN ('EXECUTED', 'CANCELLED')
                                         OR OLD.status = 'EXECUTED' AND NEW.status = 'CANCELLED') THEN
        RAISE EXCEPTION 'draw %: % cannot become %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.disclosed_at IS NOT NULL AND (NEW.disclosed_at IS DISTINCT FROM OLD.disclosed_at
                                         OR NEW.disclosed_by IS DISTINCT FROM OLD.disclosed_by) THEN
        RAISE EXCEPTION 'draw %: disclosed already', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER draw_guard BEFORE UPDATE ON draw FOR EACH ROW EXECUTE FUNCTION draw_guard();

-- A cancellation's reason and requester are fixed; the approval is given once.
CREATE FUNCTION cancellation_guard() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN
    IF NEW.draw_id <> OLD.draw_id OR NEW.tenant <> OLD.tenant OR NEW.reason <> OLD.reason
       OR NEW.requested_by <> OLD.requested_by OR NEW.requested_at <> OLD.requested_at OR OLD.approved_by IS NOT NULL THEN
        RAISE EXCEPTION 'cancellation of %: only the pending approval may be given', OLD.draw_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cancellation_guard BEFORE UPDATE ON draw_cancellation FOR EACH ROW EXECUTE FUNCTION cancellation_guard();

-- Whether a draw was cancelled, for the annual cap of another tenant's draw: a district must not
-- count its city's cancelled draws, yet row-level security hides the city's draws from it. Only
-- this one fact crosses the wall.
CREATE FUNCTION draw_cancelled(draw_id text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT EXISTS (SELECT 1 FROM draw WHERE draw.id = $1 AND draw.status = 'CANCELLED') $$;
REVOKE ALL ON FUNCTION draw_cancelled(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION draw_cancelled(text) TO ${app_role};

ALTER TABLE draw ENABLE ROW LEVEL SECURITY;
ALTER TABLE draw_source ENABLE ROW LEVEL SECURITY;
ALTER TABLE draw_randomness ENABLE ROW LEVEL SECURITY;
ALTER TABLE draw_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE draw_visit ENABLE ROW LEVEL SECURITY;
ALTER TABLE drawn_entity ENABLE ROW LEVEL SECURITY;
ALTER TABLE draw_cancellation ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON draw USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON draw_source USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON draw_randomness USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON draw_record USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON draw_visit USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON drawn_entity USING (dsr_visible(tenant) OR dsr_visible(district)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON draw_cancellation USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON access_log USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON draw, draw_cancellation TO ${app_role};
GRANT SELECT, INSERT ON draw_source, draw_randomness, draw_record, draw_visit, drawn_entity, access_log TO ${app_role};
GRANT USAGE ON SEQUENCE access_log_id_seq TO ${app_role};
