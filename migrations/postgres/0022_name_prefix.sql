-- Relevance search first reads the listed products whose name starts with
-- the query (store::search, name_prefix_page): they score highest, and
-- among them best sellers come first. text_pattern_ops lets a prefix LIKE
-- read the index as a range whatever the database's collation; with the
-- sales count in the index, the range is ordered without the table.
CREATE INDEX products_listed_name ON products (search_name text_pattern_ops, sold_count, id) WHERE listed;
