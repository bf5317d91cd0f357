-- Tillflow schema v2: inventory across sites, shipments, returns and refunds.
-- Quantities here are INTEGER thousandths of a unit ("milli", exact: intake
-- allows at most 3 decimals) so the ledger sums in SQL; money is INTEGER
-- minor units; timestamps are RFC 3339 UTC TEXT.

-- Sites: warehouses and stores. At most one is "this store" (home = 1).
CREATE TABLE sites (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('store', 'warehouse')),
    home INTEGER NOT NULL DEFAULT 0 CHECK (home IN (0, 1)),
    created_at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE UNIQUE INDEX sites_one_home ON sites(home) WHERE home = 1;

-- Catalogue SKUs whose stock is counted.
CREATE TABLE stock_items (
    sku TEXT PRIMARY KEY,
    allow_backorder INTEGER NOT NULL DEFAULT 0 CHECK (allow_backorder IN (0, 1))
);

-- The append-only stock ledger: on hand = sum of qty_milli per (site, sku).
CREATE TABLE stock_movements (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL REFERENCES sites(key),
    sku TEXT NOT NULL REFERENCES stock_items(sku),
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'sale', 'return', 'adjustment', 'transfer')),
    qty_milli INTEGER NOT NULL,
    order_id INTEGER REFERENCES orders(id),
    note TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements(sku, site, id);
CREATE INDEX stock_movements_order ON stock_movements(order_id) WHERE order_id IS NOT NULL;

-- Maintained in the same transaction as every movement and allocation.
CREATE TABLE stock_levels (
    site TEXT NOT NULL REFERENCES sites(key),
    sku TEXT NOT NULL REFERENCES stock_items(sku),
    on_hand_milli INTEGER NOT NULL DEFAULT 0,
    allocated_milli INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, sku)
);

-- Stock reserved for an order line at a site; shipped_milli of it consumed.
CREATE TABLE allocations (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    line_no INTEGER NOT NULL,
    site TEXT NOT NULL REFERENCES sites(key),
    sku TEXT NOT NULL,
    qty_milli INTEGER NOT NULL CHECK (qty_milli >= 0),
    shipped_milli INTEGER NOT NULL DEFAULT 0 CHECK (shipped_milli >= 0),
    UNIQUE (order_id, line_no, site)
);

CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    method TEXT NOT NULL CHECK (method IN ('carrier', 'pickup')),
    carrier TEXT,
    tracking TEXT,
    status TEXT NOT NULL CHECK (status IN ('created', 'shipped', 'delivered', 'failed')),
    created_at TEXT NOT NULL,
    shipped_at TEXT,
    delivered_at TEXT
);
CREATE INDEX shipments_order ON shipments(order_id);

CREATE TABLE shipment_lines (
    id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    site TEXT REFERENCES sites(key),
    qty_milli INTEGER NOT NULL CHECK (qty_milli > 0)
);
CREATE INDEX shipment_lines_shipment ON shipment_lines(shipment_id);

-- Returns (and the return half of exchanges).
CREATE TABLE returns (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL CHECK (kind IN ('return', 'exchange')),
    refund INTEGER NOT NULL,
    charge INTEGER NOT NULL,
    reason TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX returns_order ON returns(order_id);

CREATE TABLE return_lines (
    return_id INTEGER NOT NULL REFERENCES returns(id),
    line_no INTEGER NOT NULL,
    qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
    restock_site TEXT REFERENCES sites(key)
);
CREATE INDEX return_lines_return ON return_lines(return_id);

-- Store credit per customer: balance = sum(amount).
CREATE TABLE store_credit (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    amount INTEGER NOT NULL,
    order_id INTEGER REFERENCES orders(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX store_credit_customer ON store_credit(customer_id);

-- Payment attempts that failed (declined card, bounced transfer).
CREATE TABLE payment_failures (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    method TEXT NOT NULL,
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX payment_failures_order ON payment_failures(order_id);
