-- 009: undo. Each run of acm that changes the workspace is a command; every row it inserts,
-- updates or deletes is logged with the statement that reverts it, so that `acm undo` can
-- put the workspace back as it was before the command, and `acm log` can say which
-- commands were undone. The log of the most recent commands only is kept (see man
-- acm-workspace, "Undo").

CREATE TABLE commands (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,          -- UTC, when the command ran
    os_user    TEXT NOT NULL,
    command    TEXT NOT NULL,          -- the command line
    undo_of    INTEGER REFERENCES commands (id),  -- set on an `acm undo`: the command it reverted
    undone_by  INTEGER REFERENCES commands (id)   -- set on a command that was undone
);

-- One change of a command to a row of `table_name`: `revert` is the statement that puts back
-- what the change replaced (the before-image of an updated or deleted row, or the removal of
-- an inserted one), touching exactly `rows` rows. A bulk load logs one range instead of one
-- change per row.
CREATE TABLE undo_log (
    seq         INTEGER PRIMARY KEY,
    command_id  INTEGER NOT NULL REFERENCES commands (id) ON DELETE CASCADE,
    table_name  TEXT NOT NULL,
    revert      TEXT NOT NULL,
    rows        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX undo_log_command ON undo_log (command_id, seq);

-- The command that recorded each event (none for the events before undo existed).
ALTER TABLE events ADD COLUMN command_id INTEGER;
CREATE INDEX events_command ON events (command_id);
