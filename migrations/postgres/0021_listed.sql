-- products.listed: the product is active and its shop verified and not at
-- its monthly sales cap, i.e. buyers may find it. Search counts and pages
-- its matches by this column alone, instead of joining every match to its
-- shop (on PostgreSQL that join was a third of a common word's search:
-- hashing every verified shop for the count, a probe per name match for
-- the page, and the planning of both). Kept by triggers in the
-- transaction that changes the product or its shop; whether a product may
-- be bought is still checked live at checkout.
ALTER TABLE products ADD COLUMN listed BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE products p SET listed = TRUE
WHERE p.is_active AND EXISTS (SELECT 1 FROM shops s WHERE s.id = p.shop_id
                              AND s.status = 'verified' AND s.capped_month IS NULL);

-- A product written (or set by hand) takes its flag from its shop. A new
-- row is invisible to a concurrent change of its shop, so it locks the
-- shop first (the product count's update of the same row follows); an
-- existing row is locked by the shop's change below, which then
-- recomputes it after this transaction.
CREATE FUNCTION products_listed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    shop_listed BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.shop_id IS DISTINCT FROM OLD.shop_id THEN
        SELECT s.status = 'verified' AND s.capped_month IS NULL INTO shop_listed
            FROM shops s WHERE s.id = NEW.shop_id FOR NO KEY UPDATE;
    ELSE
        SELECT s.status = 'verified' AND s.capped_month IS NULL INTO shop_listed
            FROM shops s WHERE s.id = NEW.shop_id;
    END IF;
    NEW.listed := NEW.is_active AND COALESCE(shop_listed, FALSE);
    RETURN NEW;
END $$;

CREATE TRIGGER products_listed BEFORE INSERT OR UPDATE OF is_active, shop_id, listed ON products
    FOR EACH ROW EXECUTE FUNCTION products_listed();

-- A shop verified, suspended, capped or lifted: its products follow.
CREATE FUNCTION shops_listed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE products SET listed = is_active AND NEW.status = 'verified' AND NEW.capped_month IS NULL
    WHERE shop_id = NEW.id
      AND listed IS DISTINCT FROM (is_active AND NEW.status = 'verified' AND NEW.capped_month IS NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER shops_listed AFTER UPDATE OF status, capped_month ON shops
    FOR EACH ROW WHEN ((OLD.status = 'verified' AND OLD.capped_month IS NULL)
                       IS DISTINCT FROM (NEW.status = 'verified' AND NEW.capped_month IS NULL))
    EXECUTE FUNCTION shops_listed();
