-- 007: reads never write. The figures `account list` shows per account (ARR, next renewal,
-- last touch, health, open escalations) were kept in the workspace by the listing itself,
-- so that a read needed write access. They are now a cache outside the workspace (see man
-- acm-workspace, "Files"), and the workspace keeps only what writes know: a version per
-- account that changes whenever a row its figures are computed from is written, by acm or
-- by anyone with SQL. A cached figure is used only for the version it was computed from.
-- The version is random, so that a workspace restored from a backup or made anew at the
-- same path never matches figures cached from another history.

DROP TABLE account_figures;
DROP TABLE account_figures_basis;

DROP TRIGGER contracts_figures_insert;
DROP TRIGGER contracts_figures_update;
DROP TRIGGER contracts_figures_delete;
DROP TRIGGER escalations_figures_insert;
DROP TRIGGER escalations_figures_update;
DROP TRIGGER escalations_figures_delete;
DROP TRIGGER feedback_figures_insert;
DROP TRIGGER feedback_figures_update;
DROP TRIGGER feedback_figures_delete;
DROP TRIGGER notes_figures_insert;
DROP TRIGGER notes_figures_update;
DROP TRIGGER notes_figures_delete;
DROP TRIGGER usage_figures_insert;
DROP TRIGGER usage_figures_update;
DROP TRIGGER usage_figures_delete;
DROP TRIGGER contract_arr_figures_insert;
DROP TRIGGER contract_arr_figures_update;
DROP TRIGGER contract_arr_figures_delete;
DROP TRIGGER renewals_figures_insert;
DROP TRIGGER renewals_figures_update;
DROP TRIGGER renewals_figures_delete;

CREATE TABLE account_versions (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL
);
INSERT INTO account_versions (account_id, version) SELECT id, random() FROM accounts;

CREATE TRIGGER accounts_version_insert AFTER INSERT ON accounts BEGIN
    INSERT OR REPLACE INTO account_versions (account_id, version) VALUES (NEW.id, random());
END;

-- contracts: the version of its account.
CREATE TRIGGER contracts_version_insert AFTER INSERT ON contracts BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER contracts_version_update AFTER UPDATE ON contracts BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER contracts_version_delete AFTER DELETE ON contracts BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id);
END;

-- escalations: the version of its account.
CREATE TRIGGER escalations_version_insert AFTER INSERT ON escalations BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER escalations_version_update AFTER UPDATE ON escalations BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER escalations_version_delete AFTER DELETE ON escalations BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id);
END;

-- feedback: the version of its account.
CREATE TRIGGER feedback_version_insert AFTER INSERT ON feedback BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER feedback_version_update AFTER UPDATE ON feedback BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER feedback_version_delete AFTER DELETE ON feedback BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id);
END;

-- notes: the version of its account.
CREATE TRIGGER notes_version_insert AFTER INSERT ON notes BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER notes_version_update AFTER UPDATE ON notes BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER notes_version_delete AFTER DELETE ON notes BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id);
END;

-- usage: the version of its account.
CREATE TRIGGER usage_version_insert AFTER INSERT ON usage BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER usage_version_update AFTER UPDATE ON usage BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER usage_version_delete AFTER DELETE ON usage BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (OLD.account_id);
END;

-- contract_arr: the version of its contract's account.
CREATE TRIGGER contract_arr_version_insert AFTER INSERT ON contract_arr BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (NEW.contract_id));
END;
CREATE TRIGGER contract_arr_version_update AFTER UPDATE ON contract_arr BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id, NEW.contract_id));
END;
CREATE TRIGGER contract_arr_version_delete AFTER DELETE ON contract_arr BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id));
END;

-- renewals: the version of its contract's account.
CREATE TRIGGER renewals_version_insert AFTER INSERT ON renewals BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (NEW.contract_id));
END;
CREATE TRIGGER renewals_version_update AFTER UPDATE ON renewals BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id, NEW.contract_id));
END;
CREATE TRIGGER renewals_version_delete AFTER DELETE ON renewals BEGIN
    UPDATE account_versions SET version = random() WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id));
END;
