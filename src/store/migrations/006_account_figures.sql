-- 006: the figures `account list` shows per account, kept, so that a listing reads one row
-- per account. Every listed row shows ARR, the next renewal, the last touch and the health
-- score, which read windows of a million feedback entries, every usage row and every
-- contract; computing them for every account at every listing would read all of those.
--
-- account_figures holds them per account as of one day and one configuration (the text in
-- account_figures_basis: the day, the health settings and the exchange rates). They are
-- derived data, never edited: the triggers below delete an account's row whenever a row it
-- is computed from is written, by acm or by anyone with SQL, and the next listing computes
-- the missing rows (and all of them when the basis changed). Imports drop the triggers for
-- their transaction (FiguresDeferred) and delete the rows of the accounts they touched instead.
-- A later migration that changes what a figure means must DELETE FROM account_figures.

CREATE TABLE account_figures (
    account_id        INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    arr_minor         INTEGER,          -- ARR in the base currency; NULL when arr_error
    arr_error         TEXT,             -- why it could not be converted (a currency without a rate)
    next_renewal      TEXT,             -- the earliest open renewal's due date
    last_touch        TEXT,             -- the newest note's date
    health            TEXT NOT NULL,    -- red, yellow, green or n/a
    health_score      REAL,
    open_escalations  INTEGER NOT NULL
);
CREATE TABLE account_figures_basis (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    basis  TEXT NOT NULL
);


-- contracts: the rows of its account.
CREATE TRIGGER contracts_figures_insert AFTER INSERT ON contracts BEGIN
    DELETE FROM account_figures WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER contracts_figures_update AFTER UPDATE ON contracts BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER contracts_figures_delete AFTER DELETE ON contracts BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id);
END;

-- escalations: the rows of its account.
CREATE TRIGGER escalations_figures_insert AFTER INSERT ON escalations BEGIN
    DELETE FROM account_figures WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER escalations_figures_update AFTER UPDATE ON escalations BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER escalations_figures_delete AFTER DELETE ON escalations BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id);
END;

-- feedback: the rows of its account.
CREATE TRIGGER feedback_figures_insert AFTER INSERT ON feedback BEGIN
    DELETE FROM account_figures WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER feedback_figures_update AFTER UPDATE ON feedback BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER feedback_figures_delete AFTER DELETE ON feedback BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id);
END;

-- notes: the rows of its account.
CREATE TRIGGER notes_figures_insert AFTER INSERT ON notes BEGIN
    DELETE FROM account_figures WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER notes_figures_update AFTER UPDATE ON notes BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER notes_figures_delete AFTER DELETE ON notes BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id);
END;

-- usage: the rows of its account.
CREATE TRIGGER usage_figures_insert AFTER INSERT ON usage BEGIN
    DELETE FROM account_figures WHERE account_id IN (NEW.account_id);
END;
CREATE TRIGGER usage_figures_update AFTER UPDATE ON usage BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
CREATE TRIGGER usage_figures_delete AFTER DELETE ON usage BEGIN
    DELETE FROM account_figures WHERE account_id IN (OLD.account_id);
END;

-- contract_arr: the rows of its contract's account.
CREATE TRIGGER contract_arr_figures_insert AFTER INSERT ON contract_arr BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (NEW.contract_id));
END;
CREATE TRIGGER contract_arr_figures_update AFTER UPDATE ON contract_arr BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id, NEW.contract_id));
END;
CREATE TRIGGER contract_arr_figures_delete AFTER DELETE ON contract_arr BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id));
END;

-- renewals: the rows of its contract's account.
CREATE TRIGGER renewals_figures_insert AFTER INSERT ON renewals BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (NEW.contract_id));
END;
CREATE TRIGGER renewals_figures_update AFTER UPDATE ON renewals BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id, NEW.contract_id));
END;
CREATE TRIGGER renewals_figures_delete AFTER DELETE ON renewals BEGIN
    DELETE FROM account_figures WHERE account_id IN (SELECT account_id FROM contracts WHERE id IN (OLD.contract_id));
END;
