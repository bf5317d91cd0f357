-- Discounts (issue 13): a line's discount, taken off its amount before tax.
-- `discount` is the discount as JSON ({"kind":"percent","percent":"10"} or
-- {"kind":"amount","minor":150,"of_qty":"3"}), NULL without one; an order
-- discount is shared out over the lines when it is given. `amount` and
-- `tax` of a line are after its discount.
ALTER TABLE order_lines ADD COLUMN discount TEXT;
ALTER TABLE order_lines ADD COLUMN discount_reason TEXT;
