-- Moderation (issue: the city's side, part 2).

-- A product the city took down: not for sale (is_active off) and the
-- merchant cannot turn it back on; the merchant reads why, fixes it and
-- resubmits (resubmitted_at), and the city lists it again or keeps it down.
ALTER TABLE products ADD COLUMN takedown_reason TEXT;
ALTER TABLE products ADD COLUMN takedown_at TIMESTAMPTZ;
ALTER TABLE products ADD COLUMN resubmitted_at TIMESTAMPTZ;
CREATE INDEX products_takedown ON products(takedown_at) WHERE takedown_reason IS NOT NULL;

-- Words no product name or description may hold (checked on save).
CREATE TABLE banned_words (
    word            TEXT PRIMARY KEY,
    added_by        BIGINT REFERENCES users(id),
    added_at        TIMESTAMPTZ NOT NULL
);

-- Same-brand price parity: identical products (same normalised name and
-- unit) in several shops whose prices differ by more than this share of
-- the lowest are listed for the city to review.
INSERT INTO settings (name, value) VALUES ('selisih_harga_persen', 30);
CREATE INDEX products_name_unit ON products(search_name, unit, price);
