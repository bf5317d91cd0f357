-- Discount codes the shop hands out (settings `discount_codes`): each code
-- once in any case; `doc` is its JSON as the settings file writes it.
CREATE TABLE discount_codes (
    code TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    doc TEXT NOT NULL,
    position INTEGER NOT NULL
);
