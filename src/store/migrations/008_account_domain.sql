-- 008: an account's web domain (account add/edit --domain; Website in CRM exports), which
-- matching imported rows to accounts needs. Optional text, like industry and region.

ALTER TABLE accounts ADD COLUMN domain TEXT;
