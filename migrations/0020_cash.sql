-- The till's day: drawer sessions, cash over-tender, cash movements and
-- Z reports (docs/tills-day.md).

-- A drawer session of one till: opened with a float, closed by a Z report.
-- At most one open session per till.
CREATE TABLE till_sessions (
    id INTEGER PRIMARY KEY,
    till TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    float INTEGER NOT NULL CHECK (float >= 0),
    -- The float as counted: JSON [[denomination, count], …] (minor units),
    -- empty when a total was given.
    float_count TEXT NOT NULL DEFAULT '[]',
    closed_at TEXT,
    closed_by TEXT
);
CREATE UNIQUE INDEX till_sessions_open ON till_sessions(till) WHERE closed_at IS NULL;

-- Every payment and refund records the session it was taken in; a cash
-- payment also the change given back and the cash rounding (what the
-- drawer took beyond the amount: rounded due - exact due).
ALTER TABLE payments ADD COLUMN session_id INTEGER REFERENCES till_sessions(id);
ALTER TABLE payments ADD COLUMN change_given INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN rounding INTEGER NOT NULL DEFAULT 0;
CREATE INDEX payments_session ON payments(session_id);

-- Orders record the session they were taken in (sales of a Z report).
ALTER TABLE orders ADD COLUMN session_id INTEGER REFERENCES till_sessions(id);
CREATE INDEX orders_session ON orders(session_id) WHERE session_id IS NOT NULL;

-- Cash put in or taken out of the drawer outside a sale, and no-sale
-- drawer openings (amount 0), each with a reason.
CREATE TABLE cash_movements (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES till_sessions(id),
    kind TEXT NOT NULL CHECK (kind IN ('pay_in', 'pay_out', 'drop', 'no_sale')),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    CHECK (session_id IS NOT NULL OR kind = 'no_sale')
);
CREATE INDEX cash_movements_session ON cash_movements(session_id);

-- The Z report that closed a session: gap-free number per till, the counts,
-- the report as computed (JSON) and the till's perpetual grand total.
CREATE TABLE z_reports (
    id INTEGER PRIMARY KEY,
    till TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    session_id INTEGER NOT NULL UNIQUE REFERENCES till_sessions(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    report TEXT NOT NULL,
    grand_total INTEGER NOT NULL,
    UNIQUE (till, number)
);

-- A sealed Z is final: its session, payments and cash movements never change.
CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a Z report is sealed'); END;
CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
BEGIN SELECT RAISE(ABORT, 'a Z report is sealed'); END;
CREATE TRIGGER z_reports_in_order BEFORE INSERT ON z_reports
WHEN NEW.number <> 1 + COALESCE((SELECT MAX(number) FROM z_reports WHERE till = NEW.till), 0)
BEGIN SELECT RAISE(ABORT, 'Z numbers are gap-free'); END;

CREATE TRIGGER till_sessions_sealed BEFORE UPDATE ON till_sessions
WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the session is sealed by its Z report'); END;
CREATE TRIGGER till_sessions_no_delete BEFORE DELETE ON till_sessions
BEGIN SELECT RAISE(ABORT, 'a session is never deleted'); END;

CREATE TRIGGER payments_sealed_update BEFORE UPDATE ON payments
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL
             AND id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'the payment is sealed by a Z report'); END;
CREATE TRIGGER payments_sealed_delete BEFORE DELETE ON payments
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL AND id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'the payment is sealed by a Z report'); END;
CREATE TRIGGER payments_sealed_insert BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL AND id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'the session is sealed by a Z report'); END;

CREATE TRIGGER cash_movements_sealed_update BEFORE UPDATE ON cash_movements
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL
             AND id IN (OLD.session_id, NEW.session_id))
BEGIN SELECT RAISE(ABORT, 'the movement is sealed by a Z report'); END;
CREATE TRIGGER cash_movements_sealed_delete BEFORE DELETE ON cash_movements
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL AND id = OLD.session_id)
BEGIN SELECT RAISE(ABORT, 'the movement is sealed by a Z report'); END;
CREATE TRIGGER cash_movements_sealed_insert BEFORE INSERT ON cash_movements
WHEN EXISTS (SELECT 1 FROM till_sessions WHERE closed_at IS NOT NULL AND id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'the session is sealed by a Z report'); END;
