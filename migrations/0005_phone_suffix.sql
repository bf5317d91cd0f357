-- Phone look-ups by the end of the number as well as its start: a customer
-- gives "7946 0991" for +44 20 7946 0991. `phone_digits_rev` holds the digits
-- reversed, so "ends with" is an index range like "starts with". Triggers keep
-- it in step with `phone_digits` on every write path (intake, import, bulk).

ALTER TABLE customers ADD COLUMN phone_digits_rev TEXT;

UPDATE customers SET phone_digits_rev = (
    WITH RECURSIVE r(i, out) AS (
        SELECT length(customers.phone_digits), ''
        UNION ALL SELECT i - 1, out || substr(customers.phone_digits, i, 1) FROM r WHERE i > 0)
    SELECT out FROM r WHERE i = 0)
WHERE phone_digits IS NOT NULL;

CREATE TRIGGER customers_phone_rev_insert AFTER INSERT ON customers
WHEN NEW.phone_digits IS NOT NULL
BEGIN
    UPDATE customers SET phone_digits_rev = (
        WITH RECURSIVE r(i, out) AS (
            SELECT length(NEW.phone_digits), ''
            UNION ALL SELECT i - 1, out || substr(NEW.phone_digits, i, 1) FROM r WHERE i > 0)
        SELECT out FROM r WHERE i = 0)
    WHERE id = NEW.id;
END;

CREATE TRIGGER customers_phone_rev_update AFTER UPDATE OF phone_digits ON customers
BEGIN
    UPDATE customers SET phone_digits_rev = (
        WITH RECURSIVE r(i, out) AS (
            SELECT length(NEW.phone_digits), ''
            UNION ALL SELECT i - 1, out || substr(NEW.phone_digits, i, 1) FROM r WHERE i > 0)
        SELECT out FROM r WHERE i = 0)
    WHERE id = NEW.id;
END;

CREATE INDEX customers_phone_rev ON customers(phone_digits_rev);
