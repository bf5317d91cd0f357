-- What a refund without goods (kind 'refund') took off its order's total
-- (`payments::refund_adjustment`): the session's sales add it back, so a
-- sale counts as taken and the refund once, as a refund.
ALTER TABLE returns ADD COLUMN adjust INTEGER NOT NULL DEFAULT 0;
