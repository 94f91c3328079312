-- Public pages read only the rows they show.
--
-- offer_rank: a product's place among the visible offers (active product,
-- verified shop) of the same name in its category, best seller first
-- (sold_count DESC, id). A category page lists every name's first offer
-- before any name's second by reading products_category_offer in order.
-- Writers never compute ranks: triggers append the (category, name) they
-- touched to offer_dirty (append only, so concurrent writers never wait on
-- each other there) and `Store::rerank_offers` recomputes those groups a
-- moment later (the server runs it every two seconds). Whether a product
-- may be shown is never read from the rank: pages check it live.
ALTER TABLE products ADD COLUMN offer_rank INTEGER NOT NULL DEFAULT 1;
CREATE INDEX products_category_offer ON products(category_id, offer_rank, sold_count DESC, name, id);
CREATE INDEX products_category_name ON products(category_id, name);

CREATE TABLE offer_dirty (
    id              INTEGER PRIMARY KEY,
    category_id     INTEGER NOT NULL,
    name            TEXT NOT NULL
);

CREATE TRIGGER products_offer_insert AFTER INSERT ON products BEGIN
    INSERT INTO offer_dirty (category_id, name) VALUES (NEW.category_id, NEW.name);
END;

CREATE TRIGGER products_offer_update AFTER UPDATE OF name, category_id, is_active, sold_count, shop_id ON products
WHEN OLD.name IS NOT NEW.name OR OLD.category_id IS NOT NEW.category_id OR OLD.is_active IS NOT NEW.is_active
  OR OLD.sold_count IS NOT NEW.sold_count OR OLD.shop_id IS NOT NEW.shop_id
BEGIN
    INSERT INTO offer_dirty (category_id, name) VALUES (OLD.category_id, OLD.name);
    INSERT INTO offer_dirty (category_id, name) SELECT NEW.category_id, NEW.name
        WHERE NEW.category_id IS NOT OLD.category_id OR NEW.name IS NOT OLD.name;
END;

CREATE TRIGGER products_offer_delete AFTER DELETE ON products BEGIN
    INSERT INTO offer_dirty (category_id, name) VALUES (OLD.category_id, OLD.name);
END;

CREATE TRIGGER shops_offer_status AFTER UPDATE OF status ON shops WHEN OLD.status IS NOT NEW.status BEGIN
    INSERT INTO offer_dirty (category_id, name) SELECT DISTINCT category_id, name FROM products WHERE shop_id = NEW.id;
END;

UPDATE products SET offer_rank = r.n FROM (
    SELECT q.id, ROW_NUMBER() OVER (PARTITION BY q.category_id, q.name ORDER BY q.sold_count DESC, q.id) AS n
    FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified'
    WHERE q.is_active = TRUE) r
WHERE products.id = r.id;

-- product_count: a shop's active products, for shop cards. Kept by
-- triggers in the transaction that changes a product.
ALTER TABLE shops ADD COLUMN product_count INTEGER NOT NULL DEFAULT 0 CHECK (product_count >= 0);

CREATE TRIGGER products_count_insert AFTER INSERT ON products WHEN NEW.is_active BEGIN
    UPDATE shops SET product_count = product_count + 1 WHERE id = NEW.shop_id;
END;

CREATE TRIGGER products_count_delete AFTER DELETE ON products WHEN OLD.is_active BEGIN
    UPDATE shops SET product_count = product_count - 1 WHERE id = OLD.shop_id;
END;

CREATE TRIGGER products_count_update AFTER UPDATE OF is_active, shop_id ON products
WHEN OLD.is_active IS NOT NEW.is_active OR OLD.shop_id IS NOT NEW.shop_id
BEGIN
    UPDATE shops SET product_count = product_count - 1 WHERE id = OLD.shop_id AND OLD.is_active;
    UPDATE shops SET product_count = product_count + 1 WHERE id = NEW.shop_id AND NEW.is_active;
END;

UPDATE shops SET product_count = (SELECT COUNT(*) FROM products p WHERE p.shop_id = shops.id AND p.is_active = TRUE);


-- The shop directory is filtered in memory from a list of verified shops
-- each instance keeps; this number changes whenever a shop's listing
-- could (name, status, kind, MBR, kecamatan), so every instance reloads
-- its list on its next request after the change.
CREATE TABLE shop_directory_version (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    version         INTEGER NOT NULL
);
INSERT INTO shop_directory_version (id, version) VALUES (1, 1);

CREATE TRIGGER shops_directory_insert AFTER INSERT ON shops BEGIN
    UPDATE shop_directory_version SET version = version + 1;
END;
CREATE TRIGGER shops_directory_update AFTER UPDATE OF name, status, kind, is_mbr, kecamatan_id ON shops BEGIN
    UPDATE shop_directory_version SET version = version + 1;
END;
CREATE TRIGGER shops_directory_delete AFTER DELETE ON shops BEGIN
    UPDATE shop_directory_version SET version = version + 1;
END;
