-- Accounts: shared rate-limit counters (so every instance sees the same
-- counts), password-change time for session revocation, audit lookups.

CREATE TABLE rate_limits (
    bucket          TEXT PRIMARY KEY,
    window_start    BIGINT NOT NULL,
    hits            BIGINT NOT NULL CHECK (hits >= 0)
);
CREATE INDEX rate_limits_window ON rate_limits(window_start);

ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMPTZ;

CREATE INDEX audit_events_actor ON audit_events(actor_id, created_at);
CREATE INDEX sessions_expires ON sessions(expires_at);
