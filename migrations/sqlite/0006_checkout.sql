-- Checkout, payments and delivery (the buyer's whole purchase).

-- Delivery by the shop's own courier: a base fee, a fee per started
-- kilometre and a maximum distance. NULL takes the city default.
ALTER TABLE shops ADD COLUMN delivery_base_fee INTEGER CHECK (delivery_base_fee IS NULL OR delivery_base_fee >= 0);
ALTER TABLE shops ADD COLUMN delivery_per_km INTEGER CHECK (delivery_per_km IS NULL OR delivery_per_km >= 0);
ALTER TABLE shops ADD COLUMN delivery_max_m INTEGER CHECK (delivery_max_m IS NULL OR delivery_max_m > 0);

-- The unit price the buyer last saw for a cart line: a different price now
-- is shown to them, and checkout waits until they have accepted it.
ALTER TABLE cart_items ADD COLUMN seen_price INTEGER CHECK (seen_price IS NULL OR seen_price > 0);

-- How one shop's goods reach the buyer: its courier, or picked up.
ALTER TABLE orders ADD COLUMN delivery_method TEXT NOT NULL DEFAULT 'antar' CHECK (delivery_method IN ('antar', 'ambil'));
CREATE INDEX orders_awaiting_payment ON orders(expires_at) WHERE status = 'menunggu_pembayaran';

-- The charge at the gateway: which gateway, what the buyer pays with (a
-- QRIS payload or a virtual account number), where, and until when.
ALTER TABLE payments ADD COLUMN gateway TEXT;
ALTER TABLE payments ADD COLUMN pay_code TEXT;
ALTER TABLE payments ADD COLUMN pay_url TEXT;
ALTER TABLE payments ADD COLUMN expires_at TEXT;

-- Money owed back to a buyer for one shop order: cancelled after paying,
-- or paid after the order expired. Settled by the city (a later issue).
CREATE TABLE refunds (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    payment_id      INTEGER REFERENCES payments(id),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    reason          TEXT NOT NULL CHECK (reason IN ('dibatalkan', 'terlambat_bayar', 'komplain')),
    status          TEXT NOT NULL CHECK (status IN ('menunggu', 'selesai')),
    created_at      TEXT NOT NULL,
    done_at         TEXT
);

-- Every webhook the gateway sent, once per gateway event id: a replay
-- finds its row and changes nothing.
CREATE TABLE payment_events (
    event_id        TEXT PRIMARY KEY,
    payment_id      INTEGER REFERENCES payments(id),
    gateway_ref     TEXT NOT NULL,
    status          TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    outcome         TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
CREATE INDEX payment_events_payment ON payment_events(payment_id);

-- What a checkout's idempotency key was used for: the same key with
-- another request is refused.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT;

-- The last order-group number handed out per WIB day (PKN-261201-00042).
CREATE TABLE order_code_days (
    day             TEXT PRIMARY KEY,
    last_seq        INTEGER NOT NULL CHECK (last_seq >= 0)
);
INSERT INTO order_code_days (day, last_seq)
    SELECT substr(code, 5, 6), MAX(CAST(substr(code, 12, 10) AS INTEGER))
    FROM order_groups WHERE code LIKE 'PKN-______-%' GROUP BY substr(code, 5, 6);

CREATE INDEX complaints_buyer ON complaints(buyer_id, created_at);
