-- The shop's item categories (settings `categories`), in the shop's order.
-- Items and order types name them in their own documents.
CREATE TABLE categories (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
