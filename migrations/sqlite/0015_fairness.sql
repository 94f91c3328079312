-- Fairness rules (issue: the city's side, part 4) and the ASN programme's
-- target, as settings an admin changes (audited):
--   batas_penjualan_bulanan  a shop's sales (goods, orders not cancelled)
--                            per WIB month after which its products stop
--                            being listed until the next month; 0 = no cap
--   toko_sepi_hari           the dashboard lists shops with no order in
--                            this many days
--   target_asn_persen        the share of an OPD's ASN that should buy in
--                            a month
INSERT INTO settings (name, value) VALUES
    ('batas_penjualan_bulanan', 30000000),
    ('toko_sepi_hari', 30),
    ('target_asn_persen', 50);

-- The WIB month ('YYYY-MM') in which the shop's sales reached the cap:
-- its products are not listed while this is set. Set by the checkout that
-- crosses the cap; cleared when the month is over, the cap is raised, or
-- cancellations bring the sales back under it (Store::settle_sales_caps).
ALTER TABLE shops ADD COLUMN capped_month TEXT;

-- A shop that reaches or leaves its cap re-ranks its offers like a shop
-- whose status changes.
DROP TRIGGER shops_offer_status;
CREATE TRIGGER shops_offer_status AFTER UPDATE OF status, capped_month ON shops
WHEN OLD.status IS NOT NEW.status OR OLD.capped_month IS NOT NEW.capped_month BEGIN
    INSERT INTO offer_dirty (category_id, name) SELECT DISTINCT category_id, name FROM products WHERE shop_id = NEW.id;
END;

-- The ASN programme's figures: ASN buyers per OPD, and their orders.
CREATE INDEX users_opd ON users(opd_id, role);
