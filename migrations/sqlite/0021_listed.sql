-- products.listed: the product is active and its shop verified and not at
-- its monthly sales cap, i.e. buyers may find it. Search counts and pages
-- its matches by this column alone, instead of joining every match to its
-- shop. Kept by triggers in the transaction that changes the product or
-- its shop; whether a product may be bought is still checked live at
-- checkout.
ALTER TABLE products ADD COLUMN listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1));

UPDATE products SET listed = 1
WHERE is_active AND EXISTS (SELECT 1 FROM shops s WHERE s.id = products.shop_id
                            AND s.status = 'verified' AND s.capped_month IS NULL);

-- A product written (or set by hand) takes its flag from its shop.
CREATE TRIGGER products_listed_insert AFTER INSERT ON products BEGIN
    UPDATE products SET listed = (NEW.is_active AND EXISTS (SELECT 1 FROM shops s
        WHERE s.id = NEW.shop_id AND s.status = 'verified' AND s.capped_month IS NULL))
    WHERE id = NEW.id;
END;
CREATE TRIGGER products_listed_update AFTER UPDATE OF is_active, shop_id, listed ON products BEGIN
    UPDATE products SET listed = (NEW.is_active AND EXISTS (SELECT 1 FROM shops s
        WHERE s.id = NEW.shop_id AND s.status = 'verified' AND s.capped_month IS NULL))
    WHERE id = NEW.id AND listed IS NOT (NEW.is_active AND EXISTS (SELECT 1 FROM shops s
        WHERE s.id = NEW.shop_id AND s.status = 'verified' AND s.capped_month IS NULL));
END;

-- A shop verified, suspended, capped or lifted: its products follow.
CREATE TRIGGER shops_listed AFTER UPDATE OF status, capped_month ON shops
WHEN (OLD.status = 'verified' AND OLD.capped_month IS NULL)
     IS NOT (NEW.status = 'verified' AND NEW.capped_month IS NULL)
BEGIN
    UPDATE products SET listed = (is_active AND NEW.status = 'verified' AND NEW.capped_month IS NULL)
    WHERE shop_id = NEW.id
      AND listed IS NOT (is_active AND NEW.status = 'verified' AND NEW.capped_month IS NULL);
END;
