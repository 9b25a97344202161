-- 012: external ids. A row imported from another system keeps that system's id for it
-- (external_id) and the system's name (external_source: a rules file's `source`, `csv` for
-- a file read without rules), so that importing the same export again finds the rows it
-- made rather than adding them twice (--upsert; see acm-import-rules(5)).
--
-- Two columns on each table rather than one table of ids for all: the id lives and dies
-- with its row (rm, account rm --force, undo need nothing more), a bulk import's rowid
-- range covers it, and `acm export` carries it. The unique indexes hold only rows that
-- have an id, so rows entered by hand or imported without one cost nothing.
ALTER TABLE accounts ADD COLUMN external_source TEXT;
ALTER TABLE accounts ADD COLUMN external_id TEXT;
ALTER TABLE contacts ADD COLUMN external_source TEXT;
ALTER TABLE contacts ADD COLUMN external_id TEXT;
ALTER TABLE contracts ADD COLUMN external_source TEXT;
ALTER TABLE contracts ADD COLUMN external_id TEXT;
ALTER TABLE feedback ADD COLUMN external_source TEXT;
ALTER TABLE feedback ADD COLUMN external_id TEXT;
ALTER TABLE usage ADD COLUMN external_source TEXT;
ALTER TABLE usage ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX accounts_external ON accounts (external_source, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_external ON contacts (external_source, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX contracts_external ON contracts (external_source, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX feedback_external ON feedback (external_source, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX usage_external ON usage (external_source, external_id) WHERE external_id IS NOT NULL;
