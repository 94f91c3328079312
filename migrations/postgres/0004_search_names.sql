-- Search, part two: a trigram index of product names alone, so that
-- relevance ranking (name matches first) can start from the products whose
-- names match instead of scoring every product whose text does. SQLite
-- does the same with a second FTS5 table.
--
-- The sort indexes end with id, the tie-break of every search order, so a
-- page of "cheapest", "best-selling" or "newest" is read in index order and
-- stops after one page. (SQLite's indexes end with the rowid already.)

CREATE INDEX products_name_trgm ON products USING gin (search_name gin_trgm_ops);

DROP INDEX products_price;
CREATE INDEX products_price ON products (price, id);
DROP INDEX products_sold;
CREATE INDEX products_sold ON products (sold_count, id);
DROP INDEX products_created;
CREATE INDEX products_created ON products (created_at, id);
