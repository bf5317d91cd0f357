-- Workflows that never strand an order (issue 13).
-- kept_events: system events that came while the order was at an earlier
-- step, kept for the step that waits for them (trigger keys, comma-separated).
ALTER TABLE orders ADD COLUMN kept_events TEXT NOT NULL DEFAULT '';
-- When the order last moved (its step's clock, and the undo window).
ALTER TABLE orders ADD COLUMN moved_at TEXT;
-- Where a person's own last move found it (JSON), until the next move.
ALTER TABLE orders ADD COLUMN undo_from TEXT;
-- When the order is due out of its step (the step's time target), if any.
ALTER TABLE orders ADD COLUMN step_due_at TEXT;
UPDATE orders SET moved_at = updated_at;
CREATE INDEX orders_open_step_due ON orders(step_due_at)
    WHERE closed_at IS NULL AND step_due_at IS NOT NULL;
