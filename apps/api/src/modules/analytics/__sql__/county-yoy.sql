-- county-yoy: {"metrics":["applications.received"],"years":[2024,2025],"groupBy":["unit","year"]} under county 6.12.40
-- source: reports; params: ["6.12.40","6.12.40.%",[2024,2025]]
SELECT r.year AS "year",
  j.id AS "unit",
  j."name" AS "u_name",
  j."code" AS "u_code",
  j."kind" AS "u_kind",
  j."parentId" AS "u_parentId",
  j."path" AS "u_path",
  j."validFrom" AS "u_validFrom",
  j."validTo" AS "u_validTo",
  j."predecessorId" AS "u_predecessorId",
  count(*)::int AS "reports",
  coalesce(sum(f."a_new_received_total"), 0)::float8 AS "c0"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
JOIN jurisdiction j ON j.id = r."jurisdictionId"
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2))) AND r.year = ANY($3::int[])
GROUP BY r.year, j.id
