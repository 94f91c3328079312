-- Search, part two: an index of product names alone, so that relevance
-- ranking (name matches first) can start from the products whose names
-- match instead of scoring every product whose text does. Same trigram
-- tokenizer as product_search; spaces are indexed too, so '" ko"' finds
-- names with a word starting with "ko".

CREATE VIRTUAL TABLE product_name_search USING fts5(
    search_name,
    content = 'products',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER products_name_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_name_search (rowid, search_name) VALUES (new.id, new.search_name);
END;

CREATE TRIGGER products_name_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_name_search (product_name_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
END;

CREATE TRIGGER products_name_search_update AFTER UPDATE OF search_name ON products BEGIN
    INSERT INTO product_name_search (product_name_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
    INSERT INTO product_name_search (rowid, search_name) VALUES (new.id, new.search_name);
END;

INSERT INTO product_name_search (product_name_search) VALUES ('rebuild');
