-- Price parity without grouping the catalog per request. `/admin/produk`
-- listed the same product (search name and unit) sold in several verified
-- shops at prices too far apart by grouping every active product on every
-- request (218–250 req/s on SQLite at demo size, and it grows with the
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
    shops           INTEGER NOT NULL CHECK (shops >= 2),
    min_price       INTEGER NOT NULL CHECK (min_price > 0),
    max_price       INTEGER NOT NULL,
    cheapest_id     INTEGER NOT NULL,
    dearest_id      INTEGER NOT NULL,
    spread          INTEGER NOT NULL,
    PRIMARY KEY (name, unit)
);
CREATE INDEX price_groups_spread ON price_groups(spread DESC, name);

CREATE TABLE price_dirty (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL
);

CREATE TRIGGER products_price_insert AFTER INSERT ON products WHEN NEW.is_active BEGIN
    INSERT INTO price_dirty (name, unit) VALUES (NEW.search_name, NEW.unit);
END;

CREATE TRIGGER products_price_update AFTER UPDATE OF search_name, unit, price, is_active, shop_id ON products
WHEN (OLD.is_active OR NEW.is_active)
  AND (OLD.search_name IS NOT NEW.search_name OR OLD.unit IS NOT NEW.unit OR OLD.price IS NOT NEW.price
       OR OLD.is_active IS NOT NEW.is_active OR OLD.shop_id IS NOT NEW.shop_id)
BEGIN
    INSERT INTO price_dirty (name, unit) VALUES (OLD.search_name, OLD.unit);
    INSERT INTO price_dirty (name, unit) SELECT NEW.search_name, NEW.unit
        WHERE NEW.search_name IS NOT OLD.search_name OR NEW.unit IS NOT OLD.unit;
END;

CREATE TRIGGER products_price_delete AFTER DELETE ON products WHEN OLD.is_active BEGIN
    INSERT INTO price_dirty (name, unit) VALUES (OLD.search_name, OLD.unit);
END;

CREATE TRIGGER shops_price_status AFTER UPDATE OF status ON shops
WHEN OLD.status IS NOT NEW.status AND (OLD.status = 'verified' OR NEW.status = 'verified')
BEGIN
    INSERT INTO price_dirty (name, unit)
        SELECT DISTINCT search_name, unit FROM products WHERE shop_id = NEW.id AND is_active;
END;

-- Every group there is now: the first pass after migrating fills the table.
INSERT INTO price_dirty (name, unit) SELECT DISTINCT search_name, unit FROM products WHERE is_active;
