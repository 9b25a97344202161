-- 001: accounts, their tags, contacts and notes (touchpoints), and the audit log.
-- Dates are ISO text (YYYY-MM-DD); timestamps are UTC ISO text (YYYY-MM-DDTHH:MM:SSZ).

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    segment     TEXT,
    tier        TEXT,
    owner       TEXT,
    industry    TEXT,
    region      TEXT,
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('prospect', 'onboarding', 'active', 'at-risk', 'churned')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX accounts_name ON accounts (name COLLATE NOCASE);
CREATE INDEX accounts_owner ON accounts (owner);

CREATE TABLE account_tags (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (account_id, tag)
) WITHOUT ROWID;
CREATE INDEX account_tags_tag ON account_tags (tag);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    title       TEXT,
    role        TEXT CHECK (role IN ('decision-maker', 'champion', 'billing', 'technical', 'user')),
    created_at  TEXT NOT NULL
);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('meeting', 'qbr', 'call', 'email', 'note')),
    date        TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX notes_account_date ON notes (account_id, date);

-- The audit log: one row per write. account_id is kept as a plain value (no foreign key)
-- so that the history of a removed account survives.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    command     TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    account_id  INTEGER,
    action      TEXT NOT NULL,
    changes     TEXT NOT NULL
);
CREATE INDEX events_account ON events (account_id, at);
CREATE INDEX events_at ON events (at);
