-- Staff who work the till. A PIN is kept only as its Argon2id hash (PHC
-- string); wrong PINs in a row and the lock they caused survive restarts.
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- The name as looked up: unique whatever its case.
    name_key TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    pin_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- What happened to whom, by whom: added, PIN set, role changed, disabled,
-- locked after wrong PINs, unlocked. Never a PIN or a hash.
CREATE TABLE staff_events (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX staff_events_staff ON staff_events(staff_id, id);
