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

CREATE TRIGGER orders_figures_insert AFTER INSERT ON orders WHEN NEW.status = 'selesai' BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'mo:' || strftime('%Y-%m', COALESCE(NEW.completed_at, NEW.updated_at), '+7 hours'), 1, NEW.total
        UNION ALL SELECT 'kc:' || s.kecamatan_id, 1, NEW.total FROM shops s WHERE s.id = NEW.shop_id
        UNION ALL SELECT 'sk:' || s.kind || ':' || s.is_mbr, 1, NEW.total FROM shops s WHERE s.id = NEW.shop_id
        UNION ALL SELECT 'br:' || u.role, 1, NEW.total FROM users u WHERE u.id = NEW.buyer_id;
END;

CREATE TRIGGER orders_figures_update AFTER UPDATE OF status, total, completed_at ON orders
WHEN (OLD.status = 'selesai' OR NEW.status = 'selesai')
    AND (OLD.status IS NOT NEW.status OR OLD.total IS NOT NEW.total OR OLD.completed_at IS NOT NEW.completed_at)
BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'mo:' || strftime('%Y-%m', COALESCE(OLD.completed_at, OLD.updated_at), '+7 hours'), -1, -OLD.total
            WHERE OLD.status = 'selesai'
        UNION ALL SELECT 'kc:' || s.kecamatan_id, -1, -OLD.total FROM shops s
            WHERE s.id = OLD.shop_id AND OLD.status = 'selesai'
        UNION ALL SELECT 'sk:' || s.kind || ':' || s.is_mbr, -1, -OLD.total FROM shops s
            WHERE s.id = OLD.shop_id AND OLD.status = 'selesai'
        UNION ALL SELECT 'br:' || u.role, -1, -OLD.total FROM users u
            WHERE u.id = OLD.buyer_id AND OLD.status = 'selesai';
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'mo:' || strftime('%Y-%m', COALESCE(NEW.completed_at, NEW.updated_at), '+7 hours'), 1, NEW.total
            WHERE NEW.status = 'selesai'
        UNION ALL SELECT 'kc:' || s.kecamatan_id, 1, NEW.total FROM shops s
            WHERE s.id = NEW.shop_id AND NEW.status = 'selesai'
        UNION ALL SELECT 'sk:' || s.kind || ':' || s.is_mbr, 1, NEW.total FROM shops s
            WHERE s.id = NEW.shop_id AND NEW.status = 'selesai'
        UNION ALL SELECT 'br:' || u.role, 1, NEW.total FROM users u
            WHERE u.id = NEW.buyer_id AND NEW.status = 'selesai';
END;

CREATE TRIGGER orders_figures_delete AFTER DELETE ON orders WHEN OLD.status = 'selesai' BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT 'mo:' || strftime('%Y-%m', COALESCE(OLD.completed_at, OLD.updated_at), '+7 hours'), -1, -OLD.total
        UNION ALL SELECT 'kc:' || s.kecamatan_id, -1, -OLD.total FROM shops s WHERE s.id = OLD.shop_id
        UNION ALL SELECT 'sk:' || s.kind || ':' || s.is_mbr, -1, -OLD.total FROM shops s WHERE s.id = OLD.shop_id
        UNION ALL SELECT 'br:' || u.role, -1, -OLD.total FROM users u WHERE u.id = OLD.buyer_id;
END;

-- A shop's completed orders follow it to its new kecamatan, kind or MBR mark.
CREATE TRIGGER shops_figures_move AFTER UPDATE OF kecamatan_id, kind, is_mbr ON shops
WHEN OLD.kecamatan_id IS NOT NEW.kecamatan_id OR OLD.kind IS NOT NEW.kind OR OLD.is_mbr IS NOT NEW.is_mbr
BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT x.name, x.sign * o.n, x.sign * o.v
        FROM (SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS v FROM orders
              WHERE shop_id = NEW.id AND status = 'selesai') o,
             (SELECT 'kc:' || OLD.kecamatan_id AS name, -1 AS sign
              UNION ALL SELECT 'kc:' || NEW.kecamatan_id, 1
              UNION ALL SELECT 'sk:' || OLD.kind || ':' || OLD.is_mbr, -1
              UNION ALL SELECT 'sk:' || NEW.kind || ':' || NEW.is_mbr, 1) x
        WHERE o.n > 0;
END;

-- A buyer's completed orders follow a change of role.
CREATE TRIGGER users_figures_move AFTER UPDATE OF role ON users WHEN OLD.role IS NOT NEW.role BEGIN
    INSERT INTO market_total_changes (name, n, v)
        SELECT x.name, x.sign * o.n, x.sign * o.v
        FROM (SELECT COUNT(*) AS n, COALESCE(SUM(total), 0) AS v FROM orders
              WHERE buyer_id = NEW.id AND status = 'selesai') o,
             (SELECT 'br:' || OLD.role AS name, -1 AS sign UNION ALL SELECT 'br:' || NEW.role, 1) x
        WHERE o.n > 0;
END;

-- The orders completed before this migration.
INSERT INTO market_totals (name, n, v)
    SELECT 'mo:' || strftime('%Y-%m', COALESCE(completed_at, updated_at), '+7 hours'), COUNT(*), SUM(total)
    FROM orders WHERE status = 'selesai' GROUP BY 1;
INSERT INTO market_totals (name, n, v)
    SELECT 'kc:' || s.kecamatan_id, COUNT(*), SUM(o.total)
    FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.status = 'selesai' GROUP BY s.kecamatan_id;
INSERT INTO market_totals (name, n, v)
    SELECT 'sk:' || s.kind || ':' || s.is_mbr, COUNT(*), SUM(o.total)
    FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.status = 'selesai' GROUP BY s.kind, s.is_mbr;
INSERT INTO market_totals (name, n, v)
    SELECT 'br:' || u.role, COUNT(*), SUM(o.total)
    FROM orders o JOIN users u ON u.id = o.buyer_id WHERE o.status = 'selesai' GROUP BY u.role;
