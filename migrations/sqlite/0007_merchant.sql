-- The merchant's side: shop applications, products kept by their shop,
-- photos in variants, live order events, and the money owed to shops.

-- What a shop application carries besides what the catalog shows.
ALTER TABLE shops ADD COLUMN kelurahan TEXT NOT NULL DEFAULT '';
-- The owner's NIK (16 digits). Shown masked; never on a public page.
ALTER TABLE shops ADD COLUMN owner_nik TEXT;
-- The city's number for a low-income (MBR) household, when is_mbr.
ALTER TABLE shops ADD COLUMN mbr_number TEXT;
ALTER TABLE shops ADD COLUMN bank_name TEXT;
ALTER TABLE shops ADD COLUMN bank_account TEXT;
ALTER TABLE shops ADD COLUMN bank_holder TEXT;
-- Whether the shop delivers with its own courier (else pickup only).
ALTER TABLE shops ADD COLUMN delivers INTEGER NOT NULL DEFAULT 1 CHECK (delivers IN (0, 1));
-- The shop's photo: the object key of its "card" variant.
ALTER TABLE shops ADD COLUMN photo_key TEXT;
ALTER TABLE shops ADD COLUMN submitted_at TEXT;
CREATE UNIQUE INDEX shops_one_per_owner ON shops(owner_id);

-- A product that was ordered is archived instead of deleted, so past
-- orders keep their link; archived products are never listed again.
ALTER TABLE products ADD COLUMN archived_at TEXT;
-- The merchant's product list: newest first per shop.
CREATE INDEX products_shop_updated ON products(shop_id, updated_at);

-- Every event a shop's inbox shows live, in order: the stream resumes
-- after the last id the browser saw (Last-Event-ID).
CREATE TABLE shop_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    kind            TEXT NOT NULL,
    order_id        INTEGER REFERENCES orders(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX shop_events_shop ON shop_events(shop_id, id);

-- What Peken owes each shop: a credit per completed order paid online
-- (cash on delivery is recorded with cash = 1 and owes nothing), a debit
-- when a completed order is refunded, and each settlement paid out.
CREATE TABLE ledger_entries (
    id              INTEGER PRIMARY KEY,
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    order_id        INTEGER REFERENCES orders(id),
    kind            TEXT NOT NULL CHECK (kind IN ('penjualan', 'refund', 'pencairan')),
    amount          INTEGER NOT NULL,
    cash            INTEGER NOT NULL DEFAULT 0 CHECK (cash IN (0, 1)),
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ledger_entries_order_kind ON ledger_entries(order_id, kind) WHERE order_id IS NOT NULL;
CREATE INDEX ledger_entries_shop ON ledger_entries(shop_id, created_at);

-- The inbox: a shop's orders by state, newest first.
CREATE INDEX orders_shop_status ON orders(shop_id, status, created_at);

-- Completed orders before this migration enter the ledger.
INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, created_at)
SELECT o.shop_id, o.id, 'penjualan', o.total, CASE WHEN g.payment_method = 'cod' THEN 1 ELSE 0 END,
       COALESCE(o.completed_at, o.updated_at)
FROM orders o JOIN order_groups g ON g.id = o.group_id
WHERE o.status IN ('selesai', 'dikomplain');
