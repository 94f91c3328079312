-- Relevance search first reads the best-selling products' names
-- (store::search, best_selling_name_matches): with the name in the index
-- that gives the best-selling order, the window is read from the index
-- alone and only the products whose name matches are fetched.
DROP INDEX products_sold;
CREATE INDEX products_sold ON products(sold_count, id, search_name);
