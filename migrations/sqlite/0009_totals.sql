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
    n               INTEGER NOT NULL,
    v               INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE market_total_changes (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    n               INTEGER NOT NULL,
    v               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX market_total_changes_name ON market_total_changes(name);

-- A product counts while it is active and its shop verified.
CREATE TRIGGER products_totals_insert AFTER INSERT ON products
WHEN NEW.is_active AND (SELECT status FROM shops WHERE id = NEW.shop_id) = 'verified'
BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('products', 1), ('c' || NEW.category_id, 1);
END;

CREATE TRIGGER products_totals_delete AFTER DELETE ON products
WHEN OLD.is_active AND (SELECT status FROM shops WHERE id = OLD.shop_id) = 'verified'
BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('products', -1), ('c' || OLD.category_id, -1);
END;

CREATE TRIGGER products_totals_update AFTER UPDATE OF is_active, category_id, shop_id ON products
WHEN OLD.is_active IS NOT NEW.is_active OR OLD.category_id IS NOT NEW.category_id
    OR OLD.shop_id IS NOT NEW.shop_id
BEGIN
    INSERT INTO market_total_changes (name, n)
        SELECT x.name, x.n FROM (
            SELECT 'products' AS name, -1 AS n UNION ALL SELECT 'c' || OLD.category_id, -1
        ) x
        WHERE OLD.is_active AND (SELECT status FROM shops WHERE id = OLD.shop_id) = 'verified';
    INSERT INTO market_total_changes (name, n)
        SELECT x.name, x.n FROM (
            SELECT 'products' AS name, 1 AS n UNION ALL SELECT 'c' || NEW.category_id, 1
        ) x
        WHERE NEW.is_active AND (SELECT status FROM shops WHERE id = NEW.shop_id) = 'verified';
END;

-- A shop verified, suspended or verified again brings or takes its
-- active products. (A shop with products cannot be deleted: they refer
-- to it.)
CREATE TRIGGER shops_totals_insert AFTER INSERT ON shops WHEN NEW.status = 'verified' BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('shops', 1);
END;

CREATE TRIGGER shops_totals_delete AFTER DELETE ON shops WHEN OLD.status = 'verified' BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('shops', -1);
END;

CREATE TRIGGER shops_totals_status AFTER UPDATE OF status ON shops
WHEN (OLD.status = 'verified') IS NOT (NEW.status = 'verified')
BEGIN
    INSERT INTO market_total_changes (name, n)
        VALUES ('shops', CASE WHEN NEW.status = 'verified' THEN 1 ELSE -1 END);
    INSERT INTO market_total_changes (name, n)
        SELECT 'c' || category_id, (CASE WHEN NEW.status = 'verified' THEN 1 ELSE -1 END) * COUNT(*)
        FROM products WHERE shop_id = NEW.id AND is_active = TRUE GROUP BY category_id;
    INSERT INTO market_total_changes (name, n)
        SELECT 'products', (CASE WHEN NEW.status = 'verified' THEN 1 ELSE -1 END) * COUNT(*)
        FROM products WHERE shop_id = NEW.id AND is_active = TRUE;
END;

-- An order counts while it is completed ('selesai').
CREATE TRIGGER orders_totals_insert AFTER INSERT ON orders WHEN NEW.status = 'selesai' BEGIN
    INSERT INTO market_total_changes (name, n, v) VALUES ('orders', 1, NEW.total);
END;

CREATE TRIGGER orders_totals_update AFTER UPDATE OF status, total ON orders
WHEN (OLD.status = 'selesai' OR NEW.status = 'selesai')
    AND (OLD.status IS NOT NEW.status OR OLD.total IS NOT NEW.total)
BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'orders', -1, -OLD.total WHERE OLD.status = 'selesai'
        UNION ALL SELECT 'orders', 1, NEW.total WHERE NEW.status = 'selesai';
END;

CREATE TRIGGER orders_totals_delete AFTER DELETE ON orders WHEN OLD.status = 'selesai' BEGIN
    INSERT INTO market_total_changes (name, n, v) VALUES ('orders', -1, -OLD.total);
END;

INSERT INTO market_totals (name, n) SELECT 'shops', COUNT(*) FROM shops WHERE status = 'verified';
INSERT INTO market_totals (name, n)
    SELECT 'products', COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified'
    WHERE p.is_active = TRUE;
INSERT INTO market_totals (name, n)
    SELECT 'c' || p.category_id, COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified'
    WHERE p.is_active = TRUE GROUP BY p.category_id;
INSERT INTO market_totals (name, n, v)
    SELECT 'orders', COUNT(*), COALESCE(SUM(total), 0) FROM orders WHERE status = 'selesai';
