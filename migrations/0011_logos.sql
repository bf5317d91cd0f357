-- The shop logo lives in the database: copied in when it is chosen (or
-- imported inline from a settings file), never read from a path at print
-- time. `shop.documents.logo` names a row by the SHA-256 of its PNG bytes.
CREATE TABLE logos (
    id INTEGER PRIMARY KEY,
    png BLOB NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- A logo set before as a path on this machine is no longer printed: it is
-- taken out of the shop's settings (and the change recorded); set it again
-- with `tillflow settings logo FILE` or on the Shop page.
INSERT INTO settings_changes (at, actor, summary)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0011',
       'logo path ' || json_extract(doc, '$.documents.logo') || ' removed: logos are kept in the database now'
FROM shop WHERE json_type(doc, '$.documents.logo') = 'text';

UPDATE shop SET doc = json_remove(doc, '$.documents.logo')
WHERE json_type(doc, '$.documents.logo') = 'text';
