-- Tillflow schema v3: order search, board paging and dashboard counts at
-- scale (1M orders). Full-text search is SQLite FTS5; it is reached only
-- through `storage::search`, so a PostgreSQL port swaps these tables for
-- tsvector columns without touching callers.

-- Ordering indexes -----------------------------------------------------------
-- Lists sort by (created_at, id). An ascending (key, created_at) index read
-- backwards gives exactly "created_at DESC, id DESC" (the rowid is the last
-- key of every index), so keyset paging needs no sort. The DESC indexes of
-- v1 left the id tie-break to a temp B-tree and are replaced.
DROP INDEX IF EXISTS orders_status_created;
DROP INDEX IF EXISTS orders_stage_created;
DROP INDEX IF EXISTS orders_type_created;
DROP INDEX IF EXISTS orders_created;
CREATE INDEX orders_status_at ON orders(status, created_at);
CREATE INDEX orders_stage_at ON orders(stage, created_at);
CREATE INDEX orders_type_at ON orders(order_type, created_at);
CREATE INDEX orders_at ON orders(created_at);
-- A customer's orders newest first, straight from the index (search pages
-- pick their ids from it before reading any order row).
DROP INDEX IF EXISTS orders_customer;
CREATE INDEX orders_customer_at ON orders(customer_id, created_at);
-- Sort by due date (undated last) and by balance.
CREATE INDEX orders_due_sort ON orders(COALESCE(due_date, '9999-12-31'));
CREATE INDEX orders_balance ON orders((total - paid));
-- Dashboard counts read only this (open orders), never the table
-- (closed_at is listed so that SQLite sees the index as covering).
CREATE INDEX orders_open_board ON orders(stage, status, due_date, total, paid, closed_at)
    WHERE closed_at IS NULL;
-- Open orders by due date (the "what is due next" list).
CREATE INDEX orders_open_due_sort ON orders(COALESCE(due_date, '9999-12-31'))
    WHERE closed_at IS NULL;

-- Customer look-ups: phone is a range on phone_digits (customers_phone, v1),
-- e-mail a case-insensitive prefix range on lower(email).
CREATE INDEX customers_email ON customers(lower(email));

-- Full text ----------------------------------------------------------------
-- Customer names, external content (the text is stored once, in customers).
CREATE VIRTUAL TABLE customers_fts USING fts5(
    name,
    content = 'customers',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name ON customers BEGIN
    INSERT INTO customers_fts(customers_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO customers_fts(rowid, name) VALUES (new.id, new.name);
END;

-- Order text: the wizard's text answers (orders.fields, dates left out) and
-- line notes. Contentless (the text lives in orders / order_lines), one FTS
-- row per source so that writing an order only ever inserts:
--   rowid = order id * 65536              the order's text answers
--   rowid = order id * 65536 + 1 + line_no  a line's note
-- (search maps rowid / 65536 back to the order). Triggers keep it in step
-- inside the very transaction that writes the order, whichever write path
-- that is.
CREATE VIRTUAL TABLE orders_text USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO orders_text(rowid, body)
    SELECT id * 65536, body FROM (
        SELECT o.id,
               (SELECT group_concat(j.value, ' ') FROM json_each(o.fields) j
                WHERE j.type = 'text'
                  AND j.value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*') AS body
        FROM orders o)
    WHERE body <> '';
INSERT INTO orders_text(rowid, body)
    SELECT order_id * 65536 + 1 + line_no, note FROM order_lines
    WHERE note IS NOT NULL AND note <> '' AND line_no < 65535;

CREATE TRIGGER orders_text_insert AFTER INSERT ON orders BEGIN
    INSERT INTO orders_text(rowid, body)
        SELECT new.id * 65536, b.body FROM
            (SELECT group_concat(j.value, ' ') AS body FROM json_each(new.fields) j
             WHERE j.type = 'text' AND j.value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*') b
        WHERE b.body <> '';
END;
CREATE TRIGGER orders_text_update AFTER UPDATE OF fields ON orders BEGIN
    DELETE FROM orders_text WHERE rowid = old.id * 65536;
    INSERT INTO orders_text(rowid, body)
        SELECT new.id * 65536, b.body FROM
            (SELECT group_concat(j.value, ' ') AS body FROM json_each(new.fields) j
             WHERE j.type = 'text' AND j.value NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*') b
        WHERE b.body <> '';
END;
CREATE TRIGGER orders_text_delete AFTER DELETE ON orders BEGIN
    DELETE FROM orders_text WHERE rowid >= old.id * 65536 AND rowid < (old.id + 1) * 65536;
END;
CREATE TRIGGER order_lines_text_insert AFTER INSERT ON order_lines
    WHEN new.note IS NOT NULL AND new.note <> '' AND new.line_no < 65535 BEGIN
    INSERT INTO orders_text(rowid, body) VALUES (new.order_id * 65536 + 1 + new.line_no, new.note);
END;
CREATE TRIGGER order_lines_text_update AFTER UPDATE OF note ON order_lines BEGIN
    DELETE FROM orders_text WHERE rowid = old.order_id * 65536 + 1 + old.line_no;
    INSERT INTO orders_text(rowid, body)
        SELECT new.order_id * 65536 + 1 + new.line_no, new.note
        WHERE new.note IS NOT NULL AND new.note <> '' AND new.line_no < 65535;
END;
CREATE TRIGGER order_lines_text_delete AFTER DELETE ON order_lines
    WHEN old.note IS NOT NULL BEGIN
    DELETE FROM orders_text WHERE rowid = old.order_id * 65536 + 1 + old.line_no;
END;
