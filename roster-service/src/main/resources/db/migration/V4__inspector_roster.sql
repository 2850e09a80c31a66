-- Inspector roster (执法人员名录库): current state as a document like the entity roster, and the
-- yearly in-post count (在编在岗人数) that 1:N ratio rules start from.
CREATE TABLE inspector (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    name           text        NOT NULL,
    certificate_no text,
    status         text        NOT NULL CHECK (status IN ('IN_POST', 'LEAVE', 'TRANSFERRED', 'RETIRED')),
    revision       bigint      NOT NULL,
    state          jsonb       NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- an enforcement certificate (执法证) belongs to one person
CREATE UNIQUE INDEX inspector_certificate ON inspector (tenant, certificate_no) WHERE certificate_no IS NOT NULL;

CREATE TABLE in_post_count (
    tenant   text        NOT NULL,
    year     int         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    count    int         NOT NULL CHECK (count >= 0),
    reason   text        NOT NULL,
    set_by   text        NOT NULL,
    set_at   timestamptz NOT NULL DEFAULT now(),
    revision bigint      NOT NULL,
    PRIMARY KEY (tenant, year)
);

ALTER TABLE inspector ENABLE ROW LEVEL SECURITY;
ALTER TABLE in_post_count ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON inspector USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));
CREATE POLICY tenant_rows ON in_post_count USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON inspector, in_post_count TO ${app_role};
