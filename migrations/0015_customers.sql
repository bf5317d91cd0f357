-- Customers as a screen of their own (issue 10): marketing consent, a
-- customer's history (audit), and phone digits found anywhere in the number.

-- Whether the customer agreed to marketing messages. When it was given or
-- withdrawn, and by whom, is in customer_events.
ALTER TABLE customers ADD COLUMN marketing_consent INTEGER NOT NULL DEFAULT 0;

-- The audit trail of a customer (edits, consent, merges): one row per change,
-- written in the change's transaction. `detail` is a JSON object.
CREATE TABLE customer_events (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX customer_events_customer ON customer_events(customer_id, id);

-- Digits typed from the middle of a number ("9845" in +33 6 98 45 30 28):
-- a trigram index of phone_digits finds any run of 3 or more digits with
-- index look-ups (FTS5's trigram tokenizer), never a scan of every
-- customer. External content: the digits are stored once, in customers.
CREATE VIRTUAL TABLE customers_phone_fts USING fts5(
    phone_digits,
    content = 'customers',
    content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO customers_phone_fts(customers_phone_fts) VALUES ('rebuild');

CREATE TRIGGER customers_phone_fts_insert AFTER INSERT ON customers
WHEN NEW.phone_digits IS NOT NULL
BEGIN
    INSERT INTO customers_phone_fts(rowid, phone_digits) VALUES (NEW.id, NEW.phone_digits);
END;
CREATE TRIGGER customers_phone_fts_delete AFTER DELETE ON customers
WHEN OLD.phone_digits IS NOT NULL
BEGIN
    INSERT INTO customers_phone_fts(customers_phone_fts, rowid, phone_digits)
        VALUES ('delete', OLD.id, OLD.phone_digits);
END;
CREATE TRIGGER customers_phone_fts_update AFTER UPDATE OF phone_digits ON customers
BEGIN
    INSERT INTO customers_phone_fts(customers_phone_fts, rowid, phone_digits)
        SELECT 'delete', OLD.id, OLD.phone_digits WHERE OLD.phone_digits IS NOT NULL;
    INSERT INTO customers_phone_fts(rowid, phone_digits)
        SELECT NEW.id, NEW.phone_digits WHERE NEW.phone_digits IS NOT NULL;
END;
