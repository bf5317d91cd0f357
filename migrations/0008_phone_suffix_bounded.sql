-- The reversed phone digits (0005) were built by a recursive string concat:
-- quadratic in the number's length, so a hostile 200,000-digit phone held
-- the write lock for 18 s. The core now refuses phones over 20 digits
-- (orders::contact); these triggers only reverse numbers of up to 32 digits,
-- so no write path can make them slow. Longer ones (none the core accepts)
-- get no suffix entry.

DROP TRIGGER customers_phone_rev_insert;
DROP TRIGGER customers_phone_rev_update;

CREATE TRIGGER customers_phone_rev_insert AFTER INSERT ON customers
WHEN NEW.phone_digits IS NOT NULL AND length(NEW.phone_digits) <= 32
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
    UPDATE customers SET phone_digits_rev = CASE
        WHEN NEW.phone_digits IS NULL OR length(NEW.phone_digits) > 32 THEN NULL
        ELSE (
            WITH RECURSIVE r(i, out) AS (
                SELECT length(NEW.phone_digits), ''
                UNION ALL SELECT i - 1, out || substr(NEW.phone_digits, i, 1) FROM r WHERE i > 0)
            SELECT out FROM r WHERE i = 0)
        END
    WHERE id = NEW.id;
END;
