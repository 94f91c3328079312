-- The city's dashboard (/admin): what completed orders sold by category,
-- as running totals beside those of 0009 and 0012, so the page reads a
-- few rows however many orders there are. Name 'ct:<category id>': n is
-- units, v the value of those lines (without delivery).
-- An order's lines are written after the order, so a line counts when it
-- is written into a completed order (the demo's import) and an order's
-- lines count when it completes or stops being complete. A product moved
-- to another category takes its completed lines with it.

CREATE FUNCTION items_category_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.product_id IS NOT NULL
        AND (SELECT status FROM orders WHERE id = NEW.order_id) = 'selesai' THEN
        INSERT INTO market_total_changes (name, n, v)
            SELECT 'ct:' || p.category_id, NEW.qty, NEW.line_total FROM products p WHERE p.id = NEW.product_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER items_category_figures AFTER INSERT ON order_items
    FOR EACH ROW EXECUTE FUNCTION items_category_figures();

CREATE FUNCTION orders_category_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    dir BIGINT := CASE WHEN NEW.status = 'selesai' THEN 1 ELSE -1 END;
BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'ct:' || p.category_id, dir * SUM(i.qty), dir * SUM(i.line_total)
        FROM order_items i JOIN products p ON p.id = i.product_id
        WHERE i.order_id = NEW.id GROUP BY p.category_id;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_category_figures AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN ((OLD.status = 'selesai') IS DISTINCT FROM (NEW.status = 'selesai'))
    EXECUTE FUNCTION orders_category_figures();

CREATE FUNCTION products_category_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cnt BIGINT;
    val BIGINT;
BEGIN
    SELECT COALESCE(SUM(i.qty), 0), COALESCE(SUM(i.line_total), 0) INTO cnt, val
        FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE i.product_id = NEW.id AND o.status = 'selesai';
    IF cnt > 0 THEN
        INSERT INTO market_total_changes (name, n, v) VALUES
            ('ct:' || OLD.category_id, -cnt, -val), ('ct:' || NEW.category_id, cnt, val);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER products_category_figures AFTER UPDATE OF category_id ON products
    FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id)
    EXECUTE FUNCTION products_category_figures();

-- The lines of orders completed before this migration.
INSERT INTO market_totals (name, n, v)
    SELECT 'ct:' || p.category_id, SUM(i.qty), SUM(i.line_total)
    FROM order_items i JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id
    WHERE o.status = 'selesai' GROUP BY p.category_id;

-- The dashboard's shops that sold most in its window read only the index:
-- the window's completed orders with their shop and total.
DROP INDEX orders_status;
CREATE INDEX orders_status ON orders(status, created_at, shop_id, total);
