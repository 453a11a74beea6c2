-- country-slice: rate.disclosure and perCapita.applications in 2024 and 2025
-- params: [[2024,2025]]
SELECT r.year AS "year",
  j.id AS "unit",
  count(*)::int AS "reports",
  coalesce(sum(f."a_granted_total"), 0)::float8 AS "c0",
  coalesce(sum(f."a_processed_total_total"), 0)::float8 AS "c1",
  coalesce(sum(f."a_new_received_total"), 0)::float8 AS "c2",
  coalesce(sum(pop.population), 0)::float8 AS "population",
  coalesce(sum(f."a_new_received_total") FILTER (WHERE pop.population IS NOT NULL), 0)::float8 AS "pc0"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
JOIN jurisdiction j ON j.id = r."jurisdictionId"
LEFT JOIN unit_population pop ON pop."jurisdictionId" = r."jurisdictionId" AND pop.year = r.year
WHERE r.year = ANY($1::int[])
GROUP BY r.year, j.id
ORDER BY j.path COLLATE "C", r.year
