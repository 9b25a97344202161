-- 002: contracts, their ARR schedule (amendments), renewals and sent reminders.
-- Amounts are integer minor units of the contract's currency.

-- A random identity of this workspace, for identifiers that must be stable and
-- unique beyond it (iCalendar UIDs).
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('workspace_id', lower(hex(randomblob(16))));

CREATE TABLE contracts (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title               TEXT,
    start_date          TEXT NOT NULL,
    end_date            TEXT NOT NULL,          -- inclusive
    currency            TEXT NOT NULL,
    one_time_minor      INTEGER NOT NULL DEFAULT 0 CHECK (one_time_minor >= 0),
    auto_renew          INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),
    notice              TEXT,                   -- notice period as a duration: 90d, 3m
    sla                 TEXT,
    signed_date         TEXT,
    terminated_on       TEXT,                   -- last active day of a terminated contract
    termination_reason  TEXT,
    predecessor_id      INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
    created_at          TEXT NOT NULL,
    CHECK (end_date > start_date)
);
CREATE INDEX contracts_account ON contracts (account_id);
CREATE INDEX contracts_end ON contracts (end_date);

-- The ARR of a contract from a day on: one row at its start, one per amendment.
-- A contract's ARR on day d is the row with the latest effective date <= d.
CREATE TABLE contract_arr (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    effective    TEXT NOT NULL,
    arr_minor    INTEGER NOT NULL CHECK (arr_minor >= 0),
    reason       TEXT,                          -- NULL for the initial row
    created_at   TEXT NOT NULL
);
CREATE INDEX contract_arr_contract ON contract_arr (contract_id, effective);

-- Every contract has one renewal. due = the contract's end; notice_deadline = end − notice.
-- outcome is NULL while the renewal is open.
CREATE TABLE renewals (
    id               INTEGER PRIMARY KEY,
    contract_id      INTEGER NOT NULL UNIQUE REFERENCES contracts (id) ON DELETE CASCADE,
    due              TEXT NOT NULL,
    notice_deadline  TEXT NOT NULL,
    stage            TEXT NOT NULL DEFAULT 'upcoming' CHECK (stage IN ('upcoming', 'in-progress', 'committed')),
    risk             TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low', 'medium', 'high')),
    forecast_minor   INTEGER CHECK (forecast_minor >= 0),   -- expected ARR after renewal; NULL = current ARR
    reason           TEXT,
    plan             TEXT,
    owner            TEXT,                                  -- NULL = the account's owner
    outcome          TEXT CHECK (outcome IN ('renewed', 'churned')),
    closed_on        TEXT,
    old_arr_minor    INTEGER,                               -- ARR at the end of the contract, when closed
    new_arr_minor    INTEGER,                               -- ARR of the successor (0 when churned)
    successor_id     INTEGER REFERENCES contracts (id) ON DELETE SET NULL
);
CREATE INDEX renewals_due ON renewals (due);
CREATE INDEX renewals_notice ON renewals (notice_deadline);
CREATE INDEX renewals_open ON renewals (outcome, due);

-- Reminders already printed by `acm renewal remind`: each (renewal, threshold) once.
CREATE TABLE renewal_reminders (
    renewal_id      INTEGER NOT NULL REFERENCES renewals (id) ON DELETE CASCADE,
    threshold_days  INTEGER NOT NULL,
    sent_on         TEXT NOT NULL,
    PRIMARY KEY (renewal_id, threshold_days)
) WITHOUT ROWID;
