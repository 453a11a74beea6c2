-- province-ranking-scoped: {"metrics":["rate.disclosure"],"kinds":["town","township","street"],"years":[2024],"groupBy":["unit"]} under province 6, without unit columns (a ranking before its slice is read)
-- params: ["6","6.%",["town","township","street"],[2024]]
SELECT r."jurisdictionId" AS "unit",
  count(*)::int AS "reports",
  coalesce(sum(f."a_granted_total"), 0)::float8 AS "c0",
  coalesce(sum(f."a_processed_total_total"), 0)::float8 AS "c1"
FROM report r
JOIN report_figures f ON f."versionId" = r."publishedVersionId"
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2) AND kind = ANY($3::text[]))) AND r.year = ANY($4::int[])
GROUP BY r."jurisdictionId"
