-- The journal: append-only, one hash chain per till (docs/journal.md).
-- hash = hex(SHA-256(prev_hash || canonical JSON of the entry but its hashes)).
CREATE TABLE journal (
    till TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (till, seq)
) WITHOUT ROWID;
CREATE INDEX journal_at ON journal(at);

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: entries are never changed');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: entries are never deleted');
END;

-- Where each till's chain ends, written with every entry: an entry cut
-- from the end of the chain shows as a head that is not the last entry.
CREATE TABLE journal_head (
    till TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);

-- The rows that existed before the journal did (a database older than
-- this migration): the cross-checks read only rows after these ids.
CREATE TABLE journal_baseline (
    name TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL
);
INSERT INTO journal_baseline (name, last_id)
SELECT 'orders', COALESCE(MAX(id), 0) FROM orders
UNION ALL SELECT 'payments', COALESCE(MAX(id), 0) FROM payments
UNION ALL SELECT 'returns', COALESCE(MAX(id), 0) FROM returns
UNION ALL SELECT 'settings_changes', COALESCE(MAX(id), 0) FROM settings_changes;

CREATE TRIGGER journal_baseline_no_update BEFORE UPDATE ON journal_baseline
BEGIN
    SELECT RAISE(ABORT, 'the journal baseline is never changed');
END;

CREATE TRIGGER journal_baseline_no_delete BEFORE DELETE ON journal_baseline
BEGIN
    SELECT RAISE(ABORT, 'the journal baseline is never changed');
END;
