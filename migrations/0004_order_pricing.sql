-- Each order keeps the pricing it was computed under, so documents, refunds
-- and exchanges recompute its totals the same way after the shop changes
-- `prices_include_tax` or `tax_rounding`. NULL (orders from before this
-- migration): the shop's pricing at the time of reading.
ALTER TABLE orders ADD COLUMN prices_include_tax INTEGER;
ALTER TABLE orders ADD COLUMN tax_rounding TEXT;
