-- 005: feedback rebuilt for bulk imports, which should cost little more than sqlite3's .import.
--
-- 1. CHECK constraints test values with comparisons instead of IN lists: SQLite turns an
--    IN list of more than two constants into a temporary index that it builds and probes
--    for every row written.
-- 2. Two indexes instead of three, each covering its queries:
--    feedback_account (account_id, type, date, score): one account's entries, and the
--      health score's NPS and CSAT windows (a seek per account);
--    feedback_date (date, account_id, type, score, negative, category): periods over every
--      account (report feedback, report briefing) and `feedback list`'s newest-first order.
--
-- SQLite cannot change a CHECK in place: the table is copied. Follow-ups are kept aside
-- meanwhile, so that dropping the old table (foreign keys on) cascades into nothing.

CREATE TABLE feedback_005 (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    type            TEXT CHECK (type = 'nps' OR type = 'csat' OR type = 'ces'),
    score           INTEGER,
    kind            TEXT CHECK (kind = 'praise' OR kind = 'complaint' OR kind = 'request' OR kind = 'comment'),
    text            TEXT,
    contact         TEXT,
    category        TEXT,
    -- Decided by acm when the entry is added (NPS 0-6, CSAT 1-2, CES 5-7 or a complaint).
    negative        INTEGER NOT NULL CHECK (negative = 0 OR negative = 1),
    -- NULL: no follow-up; 'open' until a follow-up --done.
    follow_up       TEXT CHECK (follow_up = 'open' OR follow_up = 'done'),
    follow_up_done_on TEXT,
    CHECK ((type IS NULL) = (score IS NULL)),
    CHECK (type IS NULL OR (type = 'nps' AND score BETWEEN 0 AND 10) OR (type = 'csat' AND score BETWEEN 1 AND 5)
           OR (type = 'ces' AND score BETWEEN 1 AND 7)),
    CHECK (score IS NOT NULL OR text IS NOT NULL)
);
INSERT INTO feedback_005 SELECT id, account_id, date, type, score, kind, text, contact, category, negative,
    follow_up, follow_up_done_on FROM feedback;

CREATE TEMP TABLE feedback_follow_ups_005 AS SELECT * FROM feedback_follow_ups;
DROP TABLE feedback_follow_ups;
DROP TABLE feedback;
ALTER TABLE feedback_005 RENAME TO feedback;

CREATE TABLE feedback_follow_ups (
    id              INTEGER PRIMARY KEY,
    feedback_id     INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    note            TEXT NOT NULL,
    done            INTEGER NOT NULL CHECK (done IN (0, 1))
);
INSERT INTO feedback_follow_ups SELECT id, feedback_id, date, note, done FROM feedback_follow_ups_005;
DROP TABLE feedback_follow_ups_005;
CREATE INDEX feedback_follow_ups_feedback ON feedback_follow_ups (feedback_id);

CREATE INDEX feedback_account ON feedback (account_id, type, date, score);
CREATE INDEX feedback_date ON feedback (date, account_id, type, score, negative, category);
