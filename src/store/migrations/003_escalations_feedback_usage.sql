-- 003: escalations with their timeline and corrective actions, feedback with its
-- follow-ups, surveys sent, and usage metrics. (002 is contracts and renewals.)
-- Dates are ISO text (YYYY-MM-DD); timestamps are UTC ISO text (YYYY-MM-DDTHH:MM:SSZ),
-- so that comparing the text compares the times.

CREATE TABLE escalations (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT,
    severity        TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    source          TEXT CHECK (source IN ('customer', 'support', 'sales', 'billing', 'internal')),
    owner           TEXT,
    status          TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'investigating', 'mitigating', 'resolved')),
    opened_at       TEXT NOT NULL,
    -- opened_at + the SLA target of the severity (config escalation.sla), fixed when the
    -- escalation is opened or its severity changes: a later config change does not
    -- rewrite whether past escalations were breached.
    sla_due_at      TEXT NOT NULL,
    resolved_at     TEXT,
    resolve_seconds INTEGER,
    root_cause      TEXT,
    resolution      TEXT,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX escalations_account ON escalations (account_id, opened_at);
-- The open escalations of every account, for the health score and account list.
CREATE INDEX escalations_open ON escalations (account_id, severity) WHERE status <> 'resolved';

-- The timeline of an escalation: every change, note and action, in order.
CREATE TABLE escalation_updates (
    id              INTEGER PRIMARY KEY,
    escalation_id   INTEGER NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('opened', 'status', 'severity', 'owner', 'note',
                                                  'action', 'action-done', 'resolved', 'reopened')),
    text            TEXT NOT NULL
);
CREATE INDEX escalation_updates_escalation ON escalation_updates (escalation_id, at);

-- The corrective action plan.
CREATE TABLE escalation_actions (
    id              INTEGER PRIMARY KEY,
    escalation_id   INTEGER NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    owner           TEXT,
    due             TEXT,
    done_on         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX escalation_actions_escalation ON escalation_actions (escalation_id);

CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    type            TEXT CHECK (type IN ('nps', 'csat', 'ces')),
    score           INTEGER,
    kind            TEXT CHECK (kind IN ('praise', 'complaint', 'request', 'comment')),
    text            TEXT,
    contact         TEXT,
    category        TEXT,
    -- Decided by acm when the entry is added (NPS 0-6, CSAT 1-2, CES 5-7 or a complaint).
    negative        INTEGER NOT NULL CHECK (negative IN (0, 1)),
    -- NULL: no follow-up; 'open' until a follow-up --done.
    follow_up       TEXT CHECK (follow_up IN ('open', 'done')),
    follow_up_done_on TEXT,
    CHECK ((type IS NULL) = (score IS NULL)),
    CHECK (type IS NULL OR (type = 'nps' AND score BETWEEN 0 AND 10) OR (type = 'csat' AND score BETWEEN 1 AND 5)
           OR (type = 'ces' AND score BETWEEN 1 AND 7)),
    CHECK (score IS NOT NULL OR text IS NOT NULL)
);
CREATE INDEX feedback_account_date ON feedback (account_id, date);
-- Covers the health score's NPS and CSAT windows over every account.
CREATE INDEX feedback_type_date ON feedback (type, date, account_id, score);

-- The notes of a follow-up, oldest first.
CREATE TABLE feedback_follow_ups (
    id              INTEGER PRIMARY KEY,
    feedback_id     INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    note            TEXT NOT NULL,
    done            INTEGER NOT NULL CHECK (done IN (0, 1))
);
CREATE INDEX feedback_follow_ups_feedback ON feedback_follow_ups (feedback_id);

-- Surveys sent, the denominator of response rates.
CREATE TABLE surveys (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type            TEXT NOT NULL CHECK (type IN ('nps', 'csat', 'ces')),
    sent            INTEGER NOT NULL CHECK (sent > 0),
    date            TEXT NOT NULL
);
CREATE INDEX surveys_account_date ON surveys (account_id, date);

-- Usage metrics: one row per account and day.
CREATE TABLE usage (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    active_users    INTEGER CHECK (active_users >= 0),
    logins          INTEGER CHECK (logins >= 0),
    adoption        REAL CHECK (adoption BETWEEN 0 AND 100),
    CHECK (active_users IS NOT NULL OR logins IS NOT NULL OR adoption IS NOT NULL),
    UNIQUE (account_id, date)
);
-- Covers the health score's usage windows over every account.
CREATE INDEX usage_date ON usage (date, account_id, active_users);
