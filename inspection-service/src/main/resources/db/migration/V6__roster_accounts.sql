-- Which roster inspector each sign-in account is (roster.inspectors.v1): a draw staffs visits with
-- roster inspector ids, a token names the person's sign-in account (preferred_username). Kept per
-- inspector, not per account: a relinked account's two events may arrive in either order.
CREATE TABLE roster_account (
    inspector_id    text        PRIMARY KEY,
    tenant          text        NOT NULL,
    account         text,
    roster_revision bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_account_by_account ON roster_account (tenant, account) WHERE account IS NOT NULL;

ALTER TABLE roster_account ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON roster_account USING (dsr_visible(tenant)) WITH CHECK (dsr_visible(tenant));

GRANT SELECT, INSERT, UPDATE ON roster_account TO ${app_role};
