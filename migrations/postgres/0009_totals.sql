-- Totals the home page and the category list show: verified shops, their
-- active products (in all and per category), completed orders and their
-- value. They were recounted from every product and order once a minute.
-- No writer updates a total row (every checkout and product edit would
-- queue on it): triggers append each change to market_total_changes, a
-- two-second job adds them into market_totals (Store::fold_totals), and a
-- reader adds the few changes not yet folded. Names: 'shops', 'products',
-- 'orders' (n: count, v: value in rupiah), 'c<category id>'.
CREATE TABLE market_totals (
    name            TEXT PRIMARY KEY,
    n               BIGINT NOT NULL,
    v               BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE market_total_changes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT NOT NULL,
    n               BIGINT NOT NULL,
    v               BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX market_total_changes_name ON market_total_changes(name);

-- A product counts while it is active and its shop verified.
CREATE FUNCTION products_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.is_active
        AND (SELECT status FROM shops WHERE id = OLD.shop_id) = 'verified' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('products', -1), ('c' || OLD.category_id, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.is_active
        AND (SELECT status FROM shops WHERE id = NEW.shop_id) = 'verified' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('products', 1), ('c' || NEW.category_id, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_totals_insert AFTER INSERT ON products
    FOR EACH ROW WHEN (NEW.is_active) EXECUTE FUNCTION products_totals();
CREATE TRIGGER products_totals_delete AFTER DELETE ON products
    FOR EACH ROW WHEN (OLD.is_active) EXECUTE FUNCTION products_totals();
CREATE TRIGGER products_totals_update AFTER UPDATE OF is_active, category_id, shop_id ON products
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
        OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.shop_id IS DISTINCT FROM NEW.shop_id)
    EXECUTE FUNCTION products_totals();

-- A shop verified, suspended or verified again brings or takes its
-- active products. (A shop with products cannot be deleted: they refer
-- to it.)
CREATE FUNCTION shops_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was BOOLEAN := TG_OP <> 'INSERT' AND OLD.status = 'verified';
    now_ BOOLEAN := TG_OP <> 'DELETE' AND NEW.status = 'verified';
    delta BIGINT;
BEGIN
    IF was = now_ THEN
        RETURN NULL;
    END IF;
    delta := CASE WHEN now_ THEN 1 ELSE -1 END;
    INSERT INTO market_total_changes (name, n) VALUES ('shops', delta);
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO market_total_changes (name, n)
            SELECT 'c' || category_id, delta * COUNT(*)
            FROM products WHERE shop_id = NEW.id AND is_active = TRUE GROUP BY category_id;
        INSERT INTO market_total_changes (name, n)
            SELECT 'products', delta * COUNT(*) FROM products WHERE shop_id = NEW.id AND is_active = TRUE;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_totals_insert AFTER INSERT ON shops
    FOR EACH ROW WHEN (NEW.status = 'verified') EXECUTE FUNCTION shops_totals();
CREATE TRIGGER shops_totals_delete AFTER DELETE ON shops
    FOR EACH ROW WHEN (OLD.status = 'verified') EXECUTE FUNCTION shops_totals();
CREATE TRIGGER shops_totals_status AFTER UPDATE OF status ON shops
    FOR EACH ROW WHEN ((OLD.status = 'verified') IS DISTINCT FROM (NEW.status = 'verified'))
    EXECUTE FUNCTION shops_totals();

-- An order counts while it is completed ('selesai').
CREATE FUNCTION orders_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'selesai' THEN
        INSERT INTO market_total_changes (name, n, v) VALUES ('orders', -1, -OLD.total);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'selesai' THEN
        INSERT INTO market_total_changes (name, n, v) VALUES ('orders', 1, NEW.total);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_totals_insert AFTER INSERT ON orders
    FOR EACH ROW WHEN (NEW.status = 'selesai') EXECUTE FUNCTION orders_totals();
CREATE TRIGGER orders_totals_update AFTER UPDATE OF status, total ON orders
    FOR EACH ROW WHEN ((OLD.status = 'selesai' OR NEW.status = 'selesai')
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.total IS DISTINCT FROM NEW.total))
    EXECUTE FUNCTION orders_totals();
CREATE TRIGGER orders_totals_delete AFTER DELETE ON orders
    FOR EACH ROW WHEN (OLD.status = 'selesai') EXECUTE FUNCTION orders_totals();

INSERT INTO market_totals (name, n) SELECT 'shops', COUNT(*) FROM shops WHERE status = 'verified';
INSERT INTO market_totals (name, n)
    SELECT 'products', COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified'
    WHERE p.is_active = TRUE;
INSERT INTO market_totals (name, n)
    SELECT 'c' || p.category_id, COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified'
    WHERE p.is_active = TRUE GROUP BY p.category_id;
INSERT INTO market_totals (name, n, v)
    SELECT 'orders', COUNT(*), COALESCE(SUM(total), 0) FROM orders WHERE status = 'selesai';
