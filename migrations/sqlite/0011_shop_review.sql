-- The city's verification queue (/admin/toko).

-- A refused application is either sent back for a fix (the owner edits it
-- and files it again: may_refile = 1) or rejected for good (may_refile = 0:
-- filing again is refused and the owner is told to contact the city).
ALTER TABLE shops ADD COLUMN may_refile INTEGER NOT NULL DEFAULT 1 CHECK (may_refile IN (0, 1));

-- The queue: each state oldest application first.
UPDATE shops SET submitted_at = created_at WHERE submitted_at IS NULL;
CREATE INDEX shops_review ON shops(status, submitted_at, id);

-- Moves on every filing and every decision. A decision names the number
-- the admin saw and is refused if the shop moved since (another admin
-- decided, or the owner filed changes).
ALTER TABLE shops ADD COLUMN review_seq INTEGER NOT NULL DEFAULT 0;

-- A shop's history of filings and decisions.
CREATE INDEX audit_events_target ON audit_events(target_type, target_id, id);
