-- Open orders counted by order type, stage and status, kept by triggers in
-- the writer's own transaction: the dashboard and the board read a few
-- dozen rows instead of counting every open order (at 1M orders with ~100k
-- open, the index-only count was most of the dashboard's time).
CREATE TABLE open_tally (
    order_type TEXT NOT NULL,
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    orders INTEGER NOT NULL,
    PRIMARY KEY (order_type, stage, status)
) WITHOUT ROWID;
INSERT INTO open_tally (order_type, stage, status, orders)
    SELECT order_type, stage, status, COUNT(*) FROM orders WHERE closed_at IS NULL
    GROUP BY order_type, stage, status;

CREATE TRIGGER open_tally_insert AFTER INSERT ON orders WHEN NEW.closed_at IS NULL
BEGIN
    INSERT INTO open_tally (order_type, stage, status, orders)
        VALUES (NEW.order_type, NEW.stage, NEW.status, 1)
        ON CONFLICT (order_type, stage, status) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER open_tally_update AFTER UPDATE OF order_type, stage, status, closed_at ON orders
    WHEN OLD.closed_at IS NULL OR NEW.closed_at IS NULL
BEGIN
    UPDATE open_tally SET orders = orders - 1
        WHERE OLD.closed_at IS NULL
          AND order_type = OLD.order_type AND stage = OLD.stage AND status = OLD.status;
    INSERT INTO open_tally (order_type, stage, status, orders)
        SELECT NEW.order_type, NEW.stage, NEW.status, 1 WHERE NEW.closed_at IS NULL
        ON CONFLICT (order_type, stage, status) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER open_tally_delete AFTER DELETE ON orders WHEN OLD.closed_at IS NULL
BEGIN
    UPDATE open_tally SET orders = orders - 1
        WHERE order_type = OLD.order_type AND stage = OLD.stage AND status = OLD.status;
END;
