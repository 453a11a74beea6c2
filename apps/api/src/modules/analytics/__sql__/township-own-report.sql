-- township-own-report: {"metrics":["applications.received"],"groupBy":["year"]} under town 6.12.40.900
-- source: reports; params: ["6.12.40.900","6.12.40.900.%"]
SELECT r.year AS "year",
  count(*)::int AS "reports",
  coalesce(sum(f."a_new_received_total"), 0)::float8 AS "c0"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2)))
GROUP BY r.year
