-- Drawer sessions opened before their opening was journaled (the
-- `session_opened` entry): the "session openings" cross-check reads only
-- sessions after these ids.
INSERT INTO journal_baseline (name, last_id)
SELECT 'till_sessions', COALESCE(MAX(id), 0) FROM till_sessions;
