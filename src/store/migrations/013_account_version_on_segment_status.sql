-- 013: an account's health is scored by the first [health.profile.NAME] that matches its
-- segment and status (acm-config(5)), so the figures kept for `account list` depend on those
-- two columns too: a change of either gives the account a new version, as a change of any
-- other row its figures are computed from does.
CREATE TRIGGER accounts_version_segment_status AFTER UPDATE OF segment, status ON accounts
WHEN OLD.segment IS NOT NEW.segment OR OLD.status IS NOT NEW.status BEGIN
    UPDATE account_versions SET version = random() WHERE account_id = NEW.id;
END;
