-- Price parity without grouping the catalog per request. `/admin/produk`
-- listed the same product (search name and unit) sold in several verified
-- shops at prices too far apart by grouping every active product on every
-- request (160–166 req/s on PostgreSQL at demo size, and it grows with the
-- catalog). price_groups holds one row per such name and unit sold in two
-- or more verified shops, with its spread (dearest × 1000 / cheapest), so
-- the page reads the widest spreads off an index.
--
-- Writers never compute groups: triggers append the (name, unit) a write
-- touched to price_dirty (append only, as offer_dirty) and
-- `Store::regroup_prices` recomputes those groups a moment later (the
-- server runs it every two seconds, with the category order).
CREATE TABLE price_groups (
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL,
    shops           BIGINT NOT NULL CHECK (shops >= 2),
    min_price       BIGINT NOT NULL CHECK (min_price > 0),
    max_price       BIGINT NOT NULL,
    cheapest_id     BIGINT NOT NULL,
    dearest_id      BIGINT NOT NULL,
    spread          BIGINT NOT NULL,
    PRIMARY KEY (name, unit)
);
CREATE INDEX price_groups_spread ON price_groups(spread DESC, name);

CREATE TABLE price_dirty (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL
);

CREATE FUNCTION products_price_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ((NOT OLD.is_active AND NOT NEW.is_active)
        OR (NEW.search_name IS NOT DISTINCT FROM OLD.search_name
            AND NEW.unit IS NOT DISTINCT FROM OLD.unit
            AND NEW.price IS NOT DISTINCT FROM OLD.price
            AND NEW.is_active IS NOT DISTINCT FROM OLD.is_active
            AND NEW.shop_id IS NOT DISTINCT FROM OLD.shop_id)) THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO price_dirty (name, unit) VALUES (OLD.search_name, OLD.unit);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.search_name IS DISTINCT FROM OLD.search_name
                                                  OR NEW.unit IS DISTINCT FROM OLD.unit)) THEN
        INSERT INTO price_dirty (name, unit) VALUES (NEW.search_name, NEW.unit);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_price_insert AFTER INSERT ON products
    FOR EACH ROW WHEN (NEW.is_active) EXECUTE FUNCTION products_price_dirty();
CREATE TRIGGER products_price_delete AFTER DELETE ON products
    FOR EACH ROW WHEN (OLD.is_active) EXECUTE FUNCTION products_price_dirty();
CREATE TRIGGER products_price_update
    AFTER UPDATE OF search_name, unit, price, is_active, shop_id ON products
    FOR EACH ROW EXECUTE FUNCTION products_price_dirty();

CREATE FUNCTION shops_price_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO price_dirty (name, unit)
        SELECT DISTINCT search_name, unit FROM products WHERE shop_id = NEW.id AND is_active;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_price_status AFTER UPDATE OF status ON shops
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                       AND (OLD.status = 'verified' OR NEW.status = 'verified'))
    EXECUTE FUNCTION shops_price_dirty();

-- Every group there is now: the first pass after migrating fills the table.
INSERT INTO price_dirty (name, unit) SELECT DISTINCT search_name, unit FROM products WHERE is_active;
