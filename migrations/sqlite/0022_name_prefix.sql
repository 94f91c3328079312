-- Relevance search first reads the listed products whose name starts with
-- the query (store::search, name_prefix_page): they score highest, and
-- among them best sellers come first. With the sales count in the index,
-- that range is read and ordered from the index alone: at 30 times the
-- demo data, "beras" (1,730 such names) took 0.2 ms this way where
-- sorting its 2,125 matches took 4.4 ms.
CREATE INDEX products_listed_name ON products(search_name, sold_count) WHERE listed = TRUE;
