-- 009: undo. Each run of acm that changes the workspace is a command; every row it inserts,
-- updates or deletes is logged with the row as it was before, so that `acm undo` can put
-- the workspace back as it was before the command, and `acm log` can say which
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

-- What one transaction of a command changed: an SQLite session changeset (every row it
-- inserted, updated or removed, with the row as it was before), or the rows first_rowid ..
-- last_rowid of table_name that a bulk load (an import) inserted. `rows`: how many rows.
CREATE TABLE undo_log (
    seq          INTEGER PRIMARY KEY,
    command_id   INTEGER NOT NULL REFERENCES commands (id) ON DELETE CASCADE,
    changeset    BLOB,
    table_name   TEXT,
    first_rowid  INTEGER,
    last_rowid   INTEGER,
    rows         INTEGER NOT NULL,
    CHECK ((changeset IS NULL) <> (table_name IS NULL))
);
CREATE INDEX undo_log_command ON undo_log (command_id, seq);

-- The command that recorded each event (none for the events before undo existed).
ALTER TABLE events ADD COLUMN command_id INTEGER;
CREATE INDEX events_command ON events (command_id);
