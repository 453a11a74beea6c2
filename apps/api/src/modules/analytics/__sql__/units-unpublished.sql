-- units-unpublished: {"metrics":["rate.refusal"],"units":[901,902],"includeUnpublished":true,"groupBy":["unit"]} under county 6.12.40
-- source: reports; params: ["6.12.40","6.12.40.%",[901,902]]
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
  coalesce(sum(f."a_denied_state_secret_total"), 0)::float8 AS "c0",
  coalesce(sum(f."a_denied_prohibited_by_law_total"), 0)::float8 AS "c1",
  coalesce(sum(f."a_denied_three_securities_one_stability_total"), 0)::float8 AS "c2",
  coalesce(sum(f."a_denied_third_party_rights_total"), 0)::float8 AS "c3",
  coalesce(sum(f."a_denied_internal_affairs_total"), 0)::float8 AS "c4",
  coalesce(sum(f."a_denied_process_information_total"), 0)::float8 AS "c5",
  coalesce(sum(f."a_denied_enforcement_files_total"), 0)::float8 AS "c6",
  coalesce(sum(f."a_denied_query_matters_total"), 0)::float8 AS "c7",
  coalesce(sum(f."a_processed_total_total"), 0)::float8 AS "c8"
FROM report r
JOIN report_figures f ON f."versionId" = r."currentVersionId"
JOIN jurisdiction j ON j.id = r."jurisdictionId"
WHERE r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2))) AND r."jurisdictionId" = ANY($3::int[])
GROUP BY j.id
