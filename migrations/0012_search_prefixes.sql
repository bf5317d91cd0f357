-- Prefix indexes for the full-text tables. Search-as-you-type sends every
-- word as a prefix query ("s"*, "st"*, …); without a prefix index FTS5
-- merges the doclists of every term starting with the prefix (a one-letter
-- search at 1M orders read most of the index: ~1 s). With `prefix=` FTS5
-- keeps one doclist per prefix of 1 to 8 characters, so a prefix query reads
-- one doclist, newest rows first, and stops at the page's window.
-- Both tables are rebuilt from their sources; the triggers of 0003 keep
-- writing to them by name and stay as they are.

DROP TABLE orders_text;
CREATE VIRTUAL TABLE orders_text USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    prefix = '1 2 3 4 5 6 7 8',
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
INSERT INTO orders_text(orders_text) VALUES ('optimize');

DROP TABLE customers_fts;
CREATE VIRTUAL TABLE customers_fts USING fts5(
    name,
    content = 'customers',
    content_rowid = 'id',
    prefix = '1 2 3 4 5 6 7 8',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');
INSERT INTO customers_fts(customers_fts) VALUES ('optimize');
