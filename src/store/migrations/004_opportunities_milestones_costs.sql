-- 004: what an account manager plans and spends per account: expansion opportunities
-- (report pipeline), the onboarding plan's milestones (time to value) and the cost to
-- serve (report profitability). Amounts are integer minor units of `currency`.

CREATE TABLE opportunities (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'upsell' CHECK (kind IN ('upsell', 'cross-sell')),
    stage        TEXT NOT NULL DEFAULT 'open' CHECK (stage IN ('open', 'won', 'lost')),
    value_minor  INTEGER NOT NULL CHECK (value_minor >= 0),   -- added ARR if won
    currency     TEXT NOT NULL,
    probability  INTEGER NOT NULL DEFAULT 50 CHECK (probability BETWEEN 0 AND 100),  -- percent, for weighted value
    close_date   TEXT,                                        -- expected while open, actual once won or lost
    created_at   TEXT NOT NULL
);
CREATE INDEX opportunities_account ON opportunities (account_id);

CREATE TABLE milestones (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    due          TEXT NOT NULL,
    done_on      TEXT,                                        -- NULL while not reached
    created_at   TEXT NOT NULL
);
CREATE INDEX milestones_account ON milestones (account_id, due);

CREATE TABLE costs (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT 'other' CHECK (category IN ('support', 'infrastructure', 'services', 'other')),
    note         TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX costs_date ON costs (date, account_id);
CREATE INDEX costs_account ON costs (account_id, date);

-- report feedback: categories and negative entries of a period, over every account.
CREATE INDEX feedback_date ON feedback (date, account_id, category, negative);
-- report escalations: the escalations of a period.
CREATE INDEX escalations_opened ON escalations (opened_at);
