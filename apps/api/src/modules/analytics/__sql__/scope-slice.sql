-- scope-slice: two cells in 2024 and 2025
-- params: [[2024,2025]]
SELECT "scopeId" AS "scope",
  year AS "year",
  sum(reports)::int AS "reports",
  sum("a_new_received_total")::float8 AS "c0",
  sum("a_granted_total")::float8 AS "c1"
FROM figures_rollup
WHERE year = ANY($1::int[])
GROUP BY "scopeId", year
HAVING sum(reports) > 0
ORDER BY "scopeId", year
