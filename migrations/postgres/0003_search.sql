-- Search: a normalised copy of each product's words (lowercase, accents
-- removed, punctuation as spaces; written by the application, see
-- app/src/server/search.rs), indexed with pg_trgm so that a part of a word
-- finds the product (LIKE '%kop%' uses the index). SQLite does the same with
-- an FTS5 trigram table. pg_trgm is a trusted extension: the database owner
-- may create it.
-- sold_count: units in completed orders, for "best-selling" sorting.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE products
    ADD COLUMN search_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN search_text TEXT NOT NULL DEFAULT '',
    ADD COLUMN sold_count BIGINT NOT NULL DEFAULT 0 CHECK (sold_count >= 0);

CREATE INDEX products_search_trgm ON products USING gin (search_text gin_trgm_ops);
CREATE INDEX products_price ON products(price);
CREATE INDEX products_sold ON products(sold_count);

-- Existing orders count from the start.
UPDATE products SET sold_count = COALESCE((SELECT SUM(oi.qty) FROM order_items oi
    JOIN orders o ON o.id = oi.order_id
    WHERE oi.product_id = products.id AND o.status = 'selesai'), 0);
