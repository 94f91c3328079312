-- What the transparency page (/transparansi) and its open data publish:
-- completed orders ('selesai') and their value by month of completion
-- (WIB), by the shop's kecamatan, by the shop's kind and MBR mark, and by
-- the buyer's role. Kept as running totals beside those of 0009, so the
-- page reads a few dozen rows however many orders there are. Names:
--   'mo:YYYY-MM'          month the order completed, in WIB
--   'kc:<kecamatan id>'   the shop's kecamatan
--   'sk:<kind>:<0|1>'     the shop's kind and MBR mark
--   'br:<role>'           the buyer's role (asn, umum)
-- A shop that moves kecamatan or changes kind or MBR, and a buyer whose
-- role changes, move their completed orders with them, so the totals
-- always equal a recount over the current records.

CREATE FUNCTION order_figure_names(shop BIGINT, buyer BIGINT, done TIMESTAMPTZ)
RETURNS TABLE (name TEXT) LANGUAGE sql STABLE AS $$
    SELECT 'mo:' || to_char((done AT TIME ZONE 'UTC') + INTERVAL '7 hours', 'YYYY-MM')
    UNION ALL SELECT 'kc:' || s.kecamatan_id FROM shops s WHERE s.id = shop
    UNION ALL SELECT 'sk:' || s.kind || ':' || CASE WHEN s.is_mbr THEN 1 ELSE 0 END FROM shops s WHERE s.id = shop
    UNION ALL SELECT 'br:' || u.role FROM users u WHERE u.id = buyer
$$;

CREATE FUNCTION orders_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'selesai' THEN
        INSERT INTO market_total_changes (name, n, v)
            SELECT f.name, -1, -OLD.total
            FROM order_figure_names(OLD.shop_id, OLD.buyer_id, COALESCE(OLD.completed_at, OLD.updated_at)) f;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'selesai' THEN
        INSERT INTO market_total_changes (name, n, v)
            SELECT f.name, 1, NEW.total
            FROM order_figure_names(NEW.shop_id, NEW.buyer_id, COALESCE(NEW.completed_at, NEW.updated_at)) f;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_figures_insert AFTER INSERT ON orders
    FOR EACH ROW WHEN (NEW.status = 'selesai') EXECUTE FUNCTION orders_figures();
CREATE TRIGGER orders_figures_update AFTER UPDATE OF status, total, completed_at ON orders
    FOR EACH ROW WHEN ((OLD.status = 'selesai' OR NEW.status = 'selesai')
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.total IS DISTINCT FROM NEW.total
             OR OLD.completed_at IS DISTINCT FROM NEW.completed_at))
    EXECUTE FUNCTION orders_figures();
CREATE TRIGGER orders_figures_delete AFTER DELETE ON orders
    FOR EACH ROW WHEN (OLD.status = 'selesai') EXECUTE FUNCTION orders_figures();

-- A shop's completed orders follow it to its new kecamatan, kind or MBR mark.
CREATE FUNCTION shops_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cnt BIGINT;
    val BIGINT;
BEGIN
    SELECT COUNT(*), COALESCE(SUM(total), 0) INTO cnt, val FROM orders
        WHERE shop_id = NEW.id AND status = 'selesai';
    IF cnt > 0 THEN
        INSERT INTO market_total_changes (name, n, v) VALUES
            ('kc:' || OLD.kecamatan_id, -cnt, -val),
            ('kc:' || NEW.kecamatan_id, cnt, val),
            ('sk:' || OLD.kind || ':' || CASE WHEN OLD.is_mbr THEN 1 ELSE 0 END, -cnt, -val),
            ('sk:' || NEW.kind || ':' || CASE WHEN NEW.is_mbr THEN 1 ELSE 0 END, cnt, val);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_figures_move AFTER UPDATE OF kecamatan_id, kind, is_mbr ON shops
    FOR EACH ROW WHEN (OLD.kecamatan_id IS DISTINCT FROM NEW.kecamatan_id
        OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.is_mbr IS DISTINCT FROM NEW.is_mbr)
    EXECUTE FUNCTION shops_figures_move();

-- A buyer's completed orders follow a change of role.
CREATE FUNCTION users_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cnt BIGINT;
    val BIGINT;
BEGIN
    SELECT COUNT(*), COALESCE(SUM(total), 0) INTO cnt, val FROM orders
        WHERE buyer_id = NEW.id AND status = 'selesai';
    IF cnt > 0 THEN
        INSERT INTO market_total_changes (name, n, v) VALUES
            ('br:' || OLD.role, -cnt, -val), ('br:' || NEW.role, cnt, val);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER users_figures_move AFTER UPDATE OF role ON users
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION users_figures_move();

-- The orders completed before this migration.
INSERT INTO market_totals (name, n, v)
    SELECT 'mo:' || to_char((COALESCE(completed_at, updated_at) AT TIME ZONE 'UTC') + INTERVAL '7 hours', 'YYYY-MM'),
           COUNT(*), SUM(total)
    FROM orders WHERE status = 'selesai' GROUP BY 1;
INSERT INTO market_totals (name, n, v)
    SELECT 'kc:' || s.kecamatan_id, COUNT(*), SUM(o.total)
    FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.status = 'selesai' GROUP BY s.kecamatan_id;
INSERT INTO market_totals (name, n, v)
    SELECT 'sk:' || s.kind || ':' || CASE WHEN s.is_mbr THEN 1 ELSE 0 END, COUNT(*), SUM(o.total)
    FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.status = 'selesai' GROUP BY 1;
INSERT INTO market_totals (name, n, v)
    SELECT 'br:' || u.role, COUNT(*), SUM(o.total)
    FROM orders o JOIN users u ON u.id = o.buyer_id WHERE o.status = 'selesai' GROUP BY u.role;
