-- The sign-in account (the identity provider's preferred_username) of a person of the inspector
-- roster: how a signed-in inspector is known as the roster entry the draw puts on a team.
ALTER TABLE inspector ADD COLUMN account text;
-- one account is one person of the tenant's roster
CREATE UNIQUE INDEX inspector_account ON inspector (tenant, account) WHERE account IS NOT NULL;
