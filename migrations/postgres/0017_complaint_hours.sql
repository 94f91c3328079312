-- How long settled complaints took, as a histogram: how many complaints
-- were settled after each whole number of hours. The figures' median
-- resolution time reads these few rows instead of every settled complaint
-- (a page whose cost grew with the complaints, on `/transparansi` and the
-- city's dashboard). Settling a complaint adds to its hour in the same
-- transaction (`Store::resolve_complaint`).
CREATE TABLE complaint_hours (
    hours   BIGINT PRIMARY KEY,
    n       BIGINT NOT NULL CHECK (n >= 0)
);

-- The complaints settled so far (the demo import rebuilds it the same way).
INSERT INTO complaint_hours (hours, n)
SELECT h, COUNT(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM (resolved_at - created_at)) / 3600) AS BIGINT) AS h
    FROM complaints WHERE resolved_at IS NOT NULL
) c GROUP BY h;
