-- county-trend-by-kind: {"metrics":["applications.handled"],"kinds":["town","township"],"groupBy":["year","kind"]} under county 6.12.40
-- source: rollups; params: [40,["town","township"]]
SELECT year AS "year",
  kind AS "kind",
  sum(reports)::int AS "reports",
  sum("a_processed_total_total")::float8 AS "c0"
FROM figures_rollup
WHERE "scopeId" = $1 AND kind = ANY($2::text[])
GROUP BY year, kind
HAVING sum(reports) > 0
