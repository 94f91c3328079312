-- The city's complaint desk (/admin/keluhan).

-- The city's rules, one row each, changed by an admin (audited).
-- keluhan_sla_hari: working days (WIB, weekends skipped) to settle a complaint.
CREATE TABLE settings (
    name            TEXT PRIMARY KEY,
    value           INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES users(id),
    updated_at      TEXT
);
INSERT INTO settings (name, value) VALUES ('keluhan_sla_hari', 2);

-- A complaint is about one shop order, or (order_id NULL) about the
-- service in general. due_at: when the SLA runs out, fixed at filing.
-- outcome: how it was settled (refund, ganti = replacement, tolak =
-- rejected, jawab = a general complaint answered).
CREATE TABLE complaints_new (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER REFERENCES orders(id),
    buyer_id        INTEGER NOT NULL REFERENCES users(id),
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('terbuka', 'diproses', 'selesai', 'ditolak')),
    resolution      TEXT,
    outcome         TEXT CHECK (outcome IN ('refund', 'ganti', 'tolak', 'jawab')),
    resolved_by     INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    resolved_at     TEXT
);
-- Complaints filed before the desk existed: the default SLA of two working
-- days from filing, in WIB (Mon-Wed: +2 days; Thu, Fri: +4 days over the
-- weekend; Sat, Sun: Wednesday 00:00 WIB).
INSERT INTO complaints_new (id, order_id, buyer_id, reason, status, resolution, outcome,
                            resolved_by, created_at, due_at, resolved_at)
    SELECT id, order_id, buyer_id, reason, status, resolution,
           CASE status WHEN 'ditolak' THEN 'tolak'
                       WHEN 'selesai' THEN (CASE WHEN EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = complaints.order_id AND r.reason = 'komplain') THEN 'refund' ELSE 'ganti' END)
                       ELSE NULL END,
           NULL, created_at,
           CASE CAST(strftime('%w', created_at, '+7 hours') AS INTEGER)
               WHEN 1 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+2 days')
               WHEN 2 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+2 days')
               WHEN 3 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+2 days')
               WHEN 4 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+4 days')
               WHEN 5 THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at, '+4 days')
               ELSE strftime('%Y-%m-%dT%H:%M:%S+00:00', date(created_at, '+7 hours', 'weekday 3'), '-7 hours')
           END,
           resolved_at
    FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_new RENAME TO complaints;
CREATE INDEX complaints_order ON complaints(order_id);
CREATE INDEX complaints_buyer ON complaints(buyer_id, created_at);
-- The queue: open complaints by deadline (overdue first), closed newest first.
CREATE INDEX complaints_due ON complaints(status, due_at, id);
CREATE INDEX complaints_closed ON complaints(resolved_at, id) WHERE resolved_at IS NOT NULL;

-- The thread between buyer, shop and city, after the complaint's own
-- words (complaints.reason) and before the city's (complaints.resolution).
CREATE TABLE complaint_messages (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaints(id),
    author_id       INTEGER REFERENCES users(id),
    author_role     TEXT NOT NULL CHECK (author_role IN ('buyer', 'merchant', 'admin')),
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX complaint_messages_thread ON complaint_messages(complaint_id, id);
