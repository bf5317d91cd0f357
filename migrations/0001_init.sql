-- Tillflow schema v1. Money is INTEGER minor units; quantities and tax rates
-- are exact decimal TEXT; timestamps are RFC 3339 UTC TEXT (sortable).

-- Settings ------------------------------------------------------------------
CREATE TABLE shop (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    doc TEXT NOT NULL
);

CREATE TABLE statuses (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE workflow_types (
    key TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);

CREATE TABLE workflows (
    key TEXT PRIMARY KEY,
    current_version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0
);

-- Every version ever saved; versions are immutable.
CREATE TABLE workflow_versions (
    key TEXT NOT NULL REFERENCES workflows(key),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    steps TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE wizards (
    key TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    position INTEGER NOT NULL
);

-- A plan is the frozen chain (order type version + one workflow version per
-- stage) that an order runs from creation to the end. Immutable.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    order_type TEXT NOT NULL,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE order_types (
    key TEXT PRIMARY KEY,
    current_version INTEGER NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE order_type_versions (
    key TEXT NOT NULL REFERENCES order_types(key),
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE items (
    sku TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    barcode TEXT,
    doc TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX items_barcode ON items(barcode) WHERE barcode IS NOT NULL;

CREATE TABLE settings_changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    summary TEXT NOT NULL
);

-- Orders --------------------------------------------------------------------
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT,
    phone_digits TEXT,
    email TEXT,
    address TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX customers_phone ON customers(phone_digits);
CREATE INDEX customers_name ON customers(name COLLATE NOCASE);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    order_type TEXT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    stage TEXT NOT NULL,          -- workflow type, or 'done' / 'canceled'
    status TEXT NOT NULL,         -- status key
    stage_index INTEGER NOT NULL,
    step_index INTEGER NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    fields TEXT NOT NULL,
    subtotal INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    total INTEGER NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0,
    due_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX orders_status_created ON orders(status, created_at DESC);
CREATE INDEX orders_stage_created ON orders(stage, created_at DESC);
CREATE INDEX orders_type_created ON orders(order_type, created_at DESC);
CREATE INDEX orders_created ON orders(created_at DESC);
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_open_due ON orders(due_date) WHERE closed_at IS NULL;
CREATE INDEX orders_open_plan ON orders(plan_id) WHERE closed_at IS NULL;

CREATE TABLE order_lines (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    line_no INTEGER NOT NULL,
    sku TEXT,
    name TEXT NOT NULL,
    qty TEXT NOT NULL,
    unit_price INTEGER NOT NULL,
    modifiers TEXT NOT NULL,
    tax_rate TEXT NOT NULL,
    note TEXT,
    delivery_method TEXT,
    amount INTEGER NOT NULL,
    tax INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    method TEXT NOT NULL,
    amount INTEGER NOT NULL,
    reference TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX payments_order ON payments(order_id);

-- The audit trail: one row per event, and one per move it caused.
CREATE TABLE order_events (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    moved INTEGER NOT NULL,
    reason TEXT
);
CREATE INDEX order_events_order ON order_events(order_id, id);
