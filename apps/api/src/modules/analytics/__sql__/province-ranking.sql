-- province-ranking: {"metrics":["rate.disclosure"],"kinds":["town","township","street"],"years":[2024],"groupBy":["unit"]} under province 6
-- source: reports; params: ["6","6.%",["town","township","street"],[2024]]
SELECT j.id AS "unit",
  j."name" AS "u_name",
  j."code" AS "u_code",
  j."kind" AS "u_kind",
  j."parentId" AS "u_parentId",
  j."path" AS "u_path",
  j."validFrom" AS "u_validFrom",
  j."validTo" AS "u_validTo",
  j."predecessorId" AS "u_predecessorId",
  count(*)::int AS "reports",
  coalesce(sum(f."a_granted_total"), 0)::float8 AS "c0",
  coalesce(sum(f."a_processed_total_total"), 0)::float8 AS "c1"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
JOIN jurisdiction j ON j.id = r."jurisdictionId"
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2) AND kind = ANY($3::text[]))) AND r.year = ANY($4::int[])
GROUP BY j.id
