-- Search: a normalised copy of each product's words (lowercase, accents
-- removed, punctuation as spaces; written by the application, see
-- app/src/server/search.rs), indexed by an FTS5 trigram table so that a
-- part of a word finds the product. PostgreSQL does the same with pg_trgm.
-- sold_count: units in completed orders, for "best-selling" sorting.

ALTER TABLE products ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN sold_count INTEGER NOT NULL DEFAULT 0 CHECK (sold_count >= 0);

CREATE VIRTUAL TABLE product_search USING fts5(
    search_text,
    content = 'products',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_search (product_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER products_search_update AFTER UPDATE OF search_text ON products BEGIN
    INSERT INTO product_search (product_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO product_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

INSERT INTO product_search (product_search) VALUES ('rebuild');

CREATE INDEX products_price ON products(price);
CREATE INDEX products_sold ON products(sold_count);

-- Existing orders count from the start.
UPDATE products SET sold_count = COALESCE((SELECT SUM(oi.qty) FROM order_items oi
    JOIN orders o ON o.id = oi.order_id
    WHERE oi.product_id = products.id AND o.status = 'selesai'), 0);
