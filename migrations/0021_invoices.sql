-- Invoices and credit notes. A number is taken in the transaction that
-- issues the document: `seq` is the series' previous one plus one, so a
-- transaction that rolls back (or a crash before its commit) leaves no gap.
-- Numbers are never reused: the rows are never deleted and what was issued
-- never changes (triggers); only the count of prints goes up.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    number TEXT NOT NULL UNIQUE,
    order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    total INTEGER NOT NULL,
    -- The document as issued (the JSON document model, without the logo):
    -- every later print is a copy of it.
    document TEXT NOT NULL,
    -- Times printed or saved; the first is the original, the others COPY.
    prints INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE credit_notes (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    number TEXT NOT NULL UNIQUE,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    return_id INTEGER NOT NULL UNIQUE REFERENCES returns(id),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    -- The amount credited (positive).
    total INTEGER NOT NULL,
    document TEXT NOT NULL,
    prints INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX credit_notes_order ON credit_notes(order_id, seq);

-- Times an order's receipt was printed or saved: after the first, COPY.
CREATE TABLE receipt_prints (
    order_id INTEGER PRIMARY KEY REFERENCES orders(id),
    prints INTEGER NOT NULL
);

CREATE TRIGGER invoices_never_deleted BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted'); END;
CREATE TRIGGER invoices_never_change
BEFORE UPDATE OF seq, number, order_id, issued_at, issued_by, total, document ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes'); END;
CREATE TRIGGER credit_notes_never_deleted BEFORE DELETE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'an issued credit note is never deleted'); END;
CREATE TRIGGER credit_notes_never_change
BEFORE UPDATE OF seq, number, order_id, invoice_id, return_id, issued_at, issued_by, total, document ON credit_notes
BEGIN SELECT RAISE(ABORT, 'an issued credit note never changes'); END;
