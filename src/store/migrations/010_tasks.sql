-- 010: tasks. What a CSM has to do for an account, added by hand or by a play (`acm play
-- run`), with an owner, a due date and a priority; `acm agenda` lists the open ones that
-- are due together with every other date owed (see man acm-task, acm-agenda).

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    due         TEXT,                   -- a date; none: whenever
    owner       TEXT,                   -- NULL = the account's owner
    priority    TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
    play        TEXT,                   -- the play that created it; NULL when added by hand
    created_on  TEXT NOT NULL,          -- the day it was added (a play's `every` counts from it)
    done_on     TEXT,
    done_note   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX tasks_account ON tasks (account_id, done_on);
CREATE INDEX tasks_open_due ON tasks (due) WHERE done_on IS NULL;
CREATE INDEX tasks_play ON tasks (play, account_id, created_on) WHERE play IS NOT NULL;

-- The open follow-ups of negative feedback: the agenda and the briefing read the oldest of
-- each account. follow_up is a column too, so that a query naming it reads the index alone.
CREATE INDEX feedback_open_follow_ups ON feedback (account_id, date, follow_up) WHERE follow_up = 'open';
