-- How long settled complaints took, as a histogram: how many complaints
-- were settled after each whole number of hours. The figures' median
-- resolution time reads these few rows instead of every settled complaint
-- (a page whose cost grew with the complaints, on `/transparansi` and the
-- city's dashboard). Settling a complaint adds to its hour in the same
-- transaction (`Store::resolve_complaint`).
CREATE TABLE complaint_hours (
    hours   INTEGER PRIMARY KEY,
    n       INTEGER NOT NULL CHECK (n >= 0)
);

-- The complaints settled so far (the demo import rebuilds it the same way).
-- Whole milliseconds first, so that the floating-point julian days cannot
-- move a duration of exactly so many hours into the hour below.
INSERT INTO complaint_hours (hours, n)
SELECT h, COUNT(*) FROM (
    SELECT CAST((julianday(resolved_at) - julianday(created_at)) * 86400000 + 0.5 AS INTEGER) / 3600000 AS h
    FROM complaints WHERE resolved_at IS NOT NULL
) GROUP BY h;
