-- Peken schema, SQLite dialect. Keep in step with migrations/postgres/0001_schema.sql.
-- Money: INTEGER whole rupiah. Time: UTC, ISO-8601 text written by the application.

CREATE TABLE kecamatan (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    wilayah     TEXT NOT NULL
);

CREATE TABLE opd (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('asn', 'umum', 'merchant', 'admin')),
    name            TEXT NOT NULL,
    email           TEXT UNIQUE,
    phone           TEXT UNIQUE,
    nip             TEXT UNIQUE CHECK (nip IS NULL OR length(nip) = 18),
    opd_id          INTEGER REFERENCES opd(id),
    password_hash   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    disabled_at     TEXT,
    CHECK (role <> 'asn' OR (nip IS NOT NULL AND opd_id IS NOT NULL))
);

CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    token_hash      BLOB NOT NULL UNIQUE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    revoked_at      TEXT,
    user_agent      TEXT,
    ip              TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE addresses (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label           TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    kecamatan_id    INTEGER NOT NULL REFERENCES kecamatan(id),
    kelurahan       TEXT NOT NULL,
    street          TEXT NOT NULL,
    rt_rw           TEXT,
    notes           TEXT,
    lat             REAL,
    lng             REAL,
    is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at      TEXT NOT NULL
);
CREATE INDEX addresses_user ON addresses(user_id);

CREATE TABLE shops (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id),
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('toko_kelontong', 'umkm')),
    is_mbr          INTEGER NOT NULL CHECK (is_mbr IN (0, 1)),
    kecamatan_id    INTEGER NOT NULL REFERENCES kecamatan(id),
    address         TEXT NOT NULL,
    lat             REAL,
    lng             REAL,
    phone           TEXT,
    description     TEXT NOT NULL DEFAULT '',
    open_hours      TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    status_reason   TEXT,
    verified_at     TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX shops_kecamatan ON shops(kecamatan_id, status);
CREATE INDEX shops_owner ON shops(owner_id);

CREATE TABLE categories (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    parent_id       INTEGER REFERENCES categories(id),
    sort_order      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    category_id     INTEGER NOT NULL REFERENCES categories(id),
    slug            TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    price           INTEGER NOT NULL CHECK (price > 0),
    stock           INTEGER NOT NULL CHECK (stock >= 0),
    unit            TEXT NOT NULL DEFAULT 'pcs',
    weight_grams    INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    is_active       INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (shop_id, slug)
);
CREATE INDEX products_shop ON products(shop_id);
CREATE INDEX products_category ON products(category_id);
CREATE INDEX products_created ON products(created_at);

CREATE TABLE product_photos (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    path            TEXT NOT NULL,
    width           INTEGER NOT NULL CHECK (width > 0),
    height          INTEGER NOT NULL CHECK (height > 0),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (product_id, sort_order)
);

CREATE TABLE carts (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    updated_at      TEXT NOT NULL
);

CREATE TABLE cart_items (
    cart_id         INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id      INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    qty             INTEGER NOT NULL CHECK (qty > 0),
    added_at        TEXT NOT NULL,
    PRIMARY KEY (cart_id, product_id)
);

CREATE TABLE order_groups (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    buyer_id        INTEGER NOT NULL REFERENCES users(id),
    payment_method  TEXT NOT NULL CHECK (payment_method IN ('transfer', 'qris', 'cod')),
    total           INTEGER NOT NULL CHECK (total >= 0),
    recipient       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    kecamatan_id    INTEGER NOT NULL REFERENCES kecamatan(id),
    address         TEXT NOT NULL,
    lat             REAL,
    lng             REAL,
    created_at      TEXT NOT NULL
);
CREATE INDEX order_groups_buyer ON order_groups(buyer_id, created_at);

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES order_groups(id),
    code            TEXT NOT NULL UNIQUE,
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    buyer_id        INTEGER NOT NULL REFERENCES users(id),
    status          TEXT NOT NULL CHECK (status IN ('menunggu_pembayaran', 'dibayar', 'diproses', 'dikirim', 'selesai', 'dibatalkan', 'dikomplain')),
    subtotal        INTEGER NOT NULL CHECK (subtotal >= 0),
    delivery_fee    INTEGER NOT NULL CHECK (delivery_fee >= 0),
    total           INTEGER NOT NULL CHECK (total = subtotal + delivery_fee),
    payout          INTEGER NOT NULL DEFAULT 0 CHECK (payout >= 0),
    cancel_reason   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    paid_at         TEXT,
    completed_at    TEXT,
    expires_at      TEXT
);
CREATE INDEX orders_shop ON orders(shop_id, created_at);
CREATE INDEX orders_buyer ON orders(buyer_id, created_at);
CREATE INDEX orders_status ON orders(status, created_at);
CREATE INDEX orders_group ON orders(group_id);

CREATE TABLE order_items (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id      INTEGER REFERENCES products(id) ON DELETE SET NULL,
    product_name    TEXT NOT NULL,
    unit_price      INTEGER NOT NULL CHECK (unit_price > 0),
    qty             INTEGER NOT NULL CHECK (qty > 0),
    line_total      INTEGER NOT NULL CHECK (line_total = unit_price * qty)
);
CREATE INDEX order_items_order ON order_items(order_id);
CREATE INDEX order_items_product ON order_items(product_id);

CREATE TABLE order_status_history (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    from_status     TEXT,
    to_status       TEXT NOT NULL,
    actor_id        INTEGER REFERENCES users(id),
    actor_role      TEXT NOT NULL CHECK (actor_role IN ('buyer', 'merchant', 'admin', 'system')),
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX order_status_history_order ON order_status_history(order_id, created_at);

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES order_groups(id),
    method          TEXT NOT NULL CHECK (method IN ('transfer', 'qris', 'cod')),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'refunded')),
    gateway_ref     TEXT UNIQUE,
    created_at      TEXT NOT NULL,
    paid_at         TEXT
);
CREATE INDEX payments_group ON payments(group_id);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL UNIQUE REFERENCES orders(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('menunggu', 'dikirim', 'diterima', 'gagal')),
    courier_name    TEXT,
    courier_phone   TEXT,
    fee             INTEGER NOT NULL CHECK (fee >= 0),
    shipped_at      TEXT,
    delivered_at    TEXT
);

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id),
    product_id      INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    buyer_id        INTEGER NOT NULL REFERENCES users(id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    UNIQUE (order_id, product_id)
);
CREATE INDEX reviews_product ON reviews(product_id);

CREATE TABLE complaints (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id),
    buyer_id        INTEGER NOT NULL REFERENCES users(id),
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('terbuka', 'diproses', 'selesai', 'ditolak')),
    resolution      TEXT,
    created_at      TEXT NOT NULL,
    resolved_at     TEXT
);
CREATE INDEX complaints_order ON complaints(order_id);

CREATE TABLE payouts (
    id              INTEGER PRIMARY KEY,
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    status          TEXT NOT NULL CHECK (status IN ('dijadwalkan', 'dibayar')),
    paid_at         TEXT,
    UNIQUE (shop_id, period_start)
);

CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY,
    actor_id        INTEGER REFERENCES users(id),
    action          TEXT NOT NULL,
    target_type     TEXT,
    target_id       INTEGER,
    detail          TEXT,
    ip              TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX audit_events_created ON audit_events(created_at);

CREATE TABLE idempotency_keys (
    key             TEXT PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope           TEXT NOT NULL,
    result          TEXT,
    created_at      TEXT NOT NULL
);
