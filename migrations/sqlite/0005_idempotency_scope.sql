-- An idempotency key belongs to one user and one kind of request: two
-- buyers (or one buyer's checkout and payment) choosing the same key must
-- not collide. The table held nothing yet, so it is recreated.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope           TEXT NOT NULL,
    key             TEXT NOT NULL CHECK (length(key) BETWEEN 8 AND 128),
    -- What the first request produced (e.g. the order group id), once known.
    result          TEXT,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (user_id, scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
