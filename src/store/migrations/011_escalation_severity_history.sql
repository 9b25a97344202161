-- 011: the severity an escalation had at any moment, as data rather than text. Health on a
-- past day counts the escalations open on that day with the severity they had then: each
-- "opened" and "severity" entry of the timeline now holds the severity from that moment on.
-- Entries written before this migration get it from their text ("opened (high): …",
-- "severity low → high"); a text that does not read as a severity leaves it NULL, and the
-- escalation's current severity stands in.
ALTER TABLE escalation_updates ADD COLUMN severity TEXT
    CHECK (severity IN ('critical', 'high', 'medium', 'low'));
UPDATE escalation_updates SET severity = substr(text, 9, instr(text, ')') - 9)
    WHERE kind = 'opened' AND substr(text, 1, 8) = 'opened ('
      AND substr(text, 9, instr(text, ')') - 9) IN ('critical', 'high', 'medium', 'low');
UPDATE escalation_updates SET severity = substr(text, instr(text, '→ ') + 2)
    WHERE kind = 'severity' AND instr(text, '→ ') > 0
      AND substr(text, instr(text, '→ ') + 2) IN ('critical', 'high', 'medium', 'low');
-- The escalations resolved after a given moment: with the open ones (escalations_open),
-- every escalation that may have been open then.
CREATE INDEX escalations_resolved_at ON escalations (resolved_at) WHERE resolved_at IS NOT NULL;
-- What changed between two moments, for health moved from one day to a later one (a trend,
-- the backtest): the escalations opened, and the timeline entries that open, resolve, reopen
-- or change the severity of one.
CREATE INDEX escalations_opened_at ON escalations (opened_at);
CREATE INDEX escalation_updates_state ON escalation_updates (at)
    WHERE kind IN ('opened', 'severity', 'resolved', 'reopened');
-- The notes written between two days, for the same.
CREATE INDEX notes_date ON notes (date, account_id);
