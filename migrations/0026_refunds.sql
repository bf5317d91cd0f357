-- Refunds outside returns (issue 13): a `returns` row of kind `refund`
-- (money given back, no goods) or `void` (the order canceled and all it was
-- paid given back), without return lines. The table is rebuilt to widen its
-- kind CHECK; its ids stay, so return_lines and credit_notes keep pointing
-- at the same rows (foreign keys are checked at COMMIT: deferred here).
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE returns_before_0026 AS SELECT * FROM returns;
DROP TABLE returns;
CREATE TABLE returns (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL CHECK (kind IN ('return', 'exchange', 'refund', 'void')),
    refund INTEGER NOT NULL,
    charge INTEGER NOT NULL,
    reason TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
INSERT INTO returns (id, order_id, kind, refund, charge, reason, at, actor)
    SELECT id, order_id, kind, refund, charge, reason, at, actor FROM returns_before_0026;
CREATE INDEX returns_order ON returns(order_id);
DROP TABLE returns_before_0026;
