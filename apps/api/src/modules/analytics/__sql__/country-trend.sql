-- country-trend: {"metrics":["applications.received","rate.disclosure"],"years":[2024,2025],"groupBy":["year"]} under everything
-- source: rollups; params: [0,[2024,2025]]
SELECT year AS "year",
  sum(reports)::int AS "reports",
  sum("a_new_received_total")::float8 AS "c0",
  sum("a_granted_total")::float8 AS "c1",
  sum("a_processed_total_total")::float8 AS "c2"
FROM figures_rollup
WHERE "scopeId" = $1 AND year = ANY($2::int[])
GROUP BY year
HAVING sum(reports) > 0
