-- The fulfillment state without the clock (`fulfilment::stored_state`),
-- written by every change that can alter it, so search can filter on it.
-- `abandoned` depends on the time and is decided when searching. NULL:
-- not computed yet (orders from before this migration); the till fills
-- those in when it opens the database.

ALTER TABLE orders ADD COLUMN fulfillment_state TEXT;

CREATE INDEX orders_fulfillment_at ON orders(fulfillment_state, created_at);
