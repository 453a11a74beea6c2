// The priced root fields as a client would ask for them, and the most expensive single operation
// the limits let through. Shared by bench/api/worst-query.mjs and the alias-bomb test.

/** One realistic selection per priced root field, over the demo county. */
export function pricedFieldQueries(county) {
  const years = '[2019, 2020, 2021, 2022, 2023, 2024, 2025]';
  return {
    dataQuality: `dataQuality(under: "${county}", year: 2024) { openFindings { rule count units } anomalies { kind metric value message } }`,
    submissionStatus: `submissionStatus(countyId: "${county}", year: 2024) { state onTime }`,
    ranking: `ranking(metric: "rate.disclosure", year: 2024, under: "${county}") { count rows { rank value } }`,
    yoy: `yoy(metric: "applications.received", from: 2023, to: 2024, under: "${county}") { change relativeChange }`,
    metrics: `metrics(metrics: ["applications.received", "rate.disclosure"], scope: { under: "${county}" }, years: ${years}, groupBy: [unit, year], first: 20) { totalCount edges { node { value } } }`,
    reports: `reports(under: "${county}", year: 2024, first: 20) { totalCount edges { node { year } } }`,
    report: `report(jurisdictionId: "${Number(county) + 1}", year: 2023) { year }`,
    auditTrail: `auditTrail(reportId: "1", first: 10) { totalCount }`,
    jurisdictions: `jurisdictions(under: "${county}", first: 20) { totalCount edges { node { name } } }`,
  };
}

/**
 * Greedy: the fields that cost the most time per unit of price first, each repeated as often as
 * allowed, until the server refuses one more (its complexity or repeat limit). `gql(query)`
 * answers `{ status, body }`; anonymous fields the server refuses for rights are skipped.
 */
export async function buildWorstOperation(gql, fields, msByField) {
  const order = Object.keys(fields).sort((a, b) => (msByField[b] ?? 0) - (msByField[a] ?? 0));
  const parts = [];
  const counts = {};
  let n = 0;
  for (const name of order) {
    for (;;) {
      const candidate = [...parts, `w${n}_x: ${fields[name]}`];
      const r = await gql(`{ ${candidate.join(' ')} }`);
      if (r.body.errors) break;
      parts.push(`w${n}_x: ${fields[name]}`);
      counts[name] = (counts[name] ?? 0) + 1;
      n++;
    }
  }
  const summary = Object.entries(counts)
    .map(([k, v]) => `${v}× ${k}`)
    .join(' + ');
  return { query: `{ ${parts.join(' ')} }`, counts, summary };
}
