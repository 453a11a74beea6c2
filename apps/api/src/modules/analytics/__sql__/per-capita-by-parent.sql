-- per-capita-by-parent: {"metrics":["perCapita.applications","applications.received"],"years":[2023],"groupBy":["parent"]} under county 6.12.40
-- source: reports; params: ["6.12.40","6.12.40.%",[2023]]
SELECT j."parentId" AS "parent",
  count(*)::int AS "reports",
  coalesce(sum(f."a_new_received_total"), 0)::float8 AS "c0",
  coalesce(sum(pop.population), 0)::float8 AS "population",
  coalesce(sum(f."a_new_received_total") FILTER (WHERE pop.population IS NOT NULL), 0)::float8 AS "pc0"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
JOIN jurisdiction j ON j.id = r."jurisdictionId"
LEFT JOIN unit_population pop ON pop."jurisdictionId" = r."jurisdictionId" AND pop.year = r.year
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2))) AND r.year = ANY($3::int[])
GROUP BY j."parentId"
