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
ALTER TABLE products ADD COLUMN offer_rank BIGINT NOT NULL DEFAULT 1;
CREATE INDEX products_category_offer ON products(category_id, offer_rank, sold_count DESC, name, id);
CREATE INDEX products_category_name ON products(category_id, name);

CREATE TABLE offer_dirty (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id     BIGINT NOT NULL,
    name            TEXT NOT NULL
);

CREATE FUNCTION products_offer_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name IS NOT DISTINCT FROM OLD.name
        AND NEW.category_id IS NOT DISTINCT FROM OLD.category_id
        AND NEW.is_active IS NOT DISTINCT FROM OLD.is_active
        AND NEW.sold_count IS NOT DISTINCT FROM OLD.sold_count
        AND NEW.shop_id IS NOT DISTINCT FROM OLD.shop_id THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO offer_dirty (category_id, name) VALUES (OLD.category_id, OLD.name);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.category_id IS DISTINCT FROM OLD.category_id
                                                  OR NEW.name IS DISTINCT FROM OLD.name)) THEN
        INSERT INTO offer_dirty (category_id, name) VALUES (NEW.category_id, NEW.name);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_offer_dirty
    AFTER INSERT OR DELETE OR UPDATE OF name, category_id, is_active, sold_count, shop_id ON products
    FOR EACH ROW EXECUTE FUNCTION products_offer_dirty();

CREATE FUNCTION shops_offer_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offer_dirty (category_id, name)
        SELECT DISTINCT category_id, name FROM products WHERE shop_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_offer_status AFTER UPDATE OF status ON shops
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION shops_offer_dirty();

UPDATE products SET offer_rank = r.n FROM (
    SELECT q.id, ROW_NUMBER() OVER (PARTITION BY q.category_id, q.name ORDER BY q.sold_count DESC, q.id) AS n
    FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified'
    WHERE q.is_active = TRUE) r
WHERE products.id = r.id;

-- product_count: a shop's active products, for shop cards. Kept by
-- triggers in the transaction that changes a product.
ALTER TABLE shops ADD COLUMN product_count BIGINT NOT NULL DEFAULT 0 CHECK (product_count >= 0);

CREATE FUNCTION products_shop_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.is_active THEN
        UPDATE shops SET product_count = product_count - 1 WHERE id = OLD.shop_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.is_active THEN
        UPDATE shops SET product_count = product_count + 1 WHERE id = NEW.shop_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_count_insert AFTER INSERT ON products
    FOR EACH ROW WHEN (NEW.is_active) EXECUTE FUNCTION products_shop_count();
CREATE TRIGGER products_count_delete AFTER DELETE ON products
    FOR EACH ROW WHEN (OLD.is_active) EXECUTE FUNCTION products_shop_count();
CREATE TRIGGER products_count_update AFTER UPDATE OF is_active, shop_id ON products
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.shop_id IS DISTINCT FROM NEW.shop_id)
    EXECUTE FUNCTION products_shop_count();

UPDATE shops SET product_count = (SELECT COUNT(*) FROM products p WHERE p.shop_id = shops.id AND p.is_active = TRUE);

-- The shop directory is filtered in memory from a list of verified shops
-- each instance keeps; this number changes whenever a shop's listing
-- could (name, status, kind, MBR, kecamatan), so every instance reloads
-- its list on its next request after the change.
CREATE TABLE shop_directory_version (
    id              BIGINT PRIMARY KEY CHECK (id = 1),
    version         BIGINT NOT NULL
);
INSERT INTO shop_directory_version (id, version) VALUES (1, 1);

CREATE FUNCTION shops_directory_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE shop_directory_version SET version = version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_directory_change AFTER INSERT OR DELETE OR UPDATE OF name, status, kind, is_mbr, kecamatan_id ON shops
    FOR EACH STATEMENT EXECUTE FUNCTION shops_directory_bump();
