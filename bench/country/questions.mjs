// The questions bench/country asks, to Gongkai and to PostGraphile, as GraphQL request bodies.
// Pure: built from the country's ids and the peer's column names (`spec`, see run.mjs), so the
// client that times them (client.mjs) loads nothing of the API.

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

export const TEN = [
  'applications.received',
  'applications.handled',
  'rate.disclosure',
  'rate.partial',
  'rate.refusal',
  'rate.notHeld',
  'rate.carryForward',
  'reviews.reconsiderations',
  'reviews.litigations',
  'rate.reconsiderationCorrection',
];

// Rankings whose metric and year nobody asked before in this process: Gongkai reads the
// province's units and starts reading the metric's country-wide slice beside it (ADR 0008); 8
// metrics × 7 years: the first 56 are each the first of their metric and year, the other 44 ask
// those again for other provinces.
export const NEW_METRICS = [
  'rate.partial',
  'rate.refusal',
  'rate.notHeld',
  'rate.carryForward',
  'applications.handled',
  'applications.denied',
  'reviews.reconsiderations',
  'reviews.litigations',
];

/** How many first-asked questions of each kind are timed (client.mjs): fresh(0) … fresh(TIMED - 1). */
export const TIMED = 100;

/**
 * How many times each repeated form is timed (client.mjs): at least `min`, then on until `ms` have
 * passed or `max` are timed, on either side alike. A p95 of 100 requests is their 5th slowest:
 * where the p50 is under a millisecond, five stalls of the host make it. The floor's p95 (an empty
 * server) moved between 0.4 and 4.3 ms over 100 requests, and between 0.1 and 1.7 ms over 1,000
 * (docs/benchmarks.md, 2026-12-02). A question that takes 20 ms or more is timed 100 times, as before.
 */
export const REPEATED = { min: 100, max: 1000, ms: 2000 };

/**
 * The last row's warm-up: the same question with metrics it never times, so that the warm-up reads
 * none of the slices whose first question it times.
 */
export const WARM_METRICS = ['applications.received', 'rate.litigationCorrection'];

/** The metrics whose summed cells the peer is asked for: spec.columns has each key's columns. */
export const PEER_METRICS = {
  ten: TEN,
  disclosure: ['rate.disclosure'],
  ...Object.fromEntries([...NEW_METRICS, ...WARM_METRICS].map((m) => [m, [m]])),
};

const KIND_ORDERS = [
  ['town', 'township', 'street'],
  ['town', 'street', 'township'],
  ['township', 'town', 'street'],
  ['township', 'street', 'town'],
  ['street', 'town', 'township'],
  ['street', 'township', 'town'],
];

const rotate = (xs, k) => [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)];
const nth = (xs, i) => xs[i % xs.length];
const newYear = (i) => YEARS[Math.floor(i / NEW_METRICS.length) % YEARS.length];
/** Beyond the timed ones: fresh(TIMED + i) asks nothing fresh(0 … TIMED - 1) asks (see `warm`). */
const later = (fresh) => (i) => fresh(TIMED + i);

/**
 * Each question twice: the same request (what a dashboard repeats; Gongkai answers repeats from
 * its per-data-version caches) and requests that never repeat (another county or province, or the
 * same question in other words) — the cost of a question asked for the first time. A third form,
 * `warm`, is the first-asked form with questions the timed ones never ask: the warm-up asks it,
 * so that the code a first-asked question runs is compiled before it is timed, on either side.
 * `spec`: { county, province, counties: id[], provinces: id[], columns }: `columns` has the peer's
 * columns for each PEER_METRICS key, and `received` (applications received, the YoY's cell).
 */
export function questionSet(spec) {
  const { county, province, counties, provinces, columns } = spec;
  // The k-th wording of a trend: its metrics and years rotated, then reversed, 280 wordings in all
  // (the country trend's first-asked requests and its warm-up's need 150 that never repeat).
  const trend = (under, k = 0) => {
    const m = rotate(TEN, k);
    const y = rotate(YEARS, Math.floor(k / TEN.length));
    const flip = Math.floor(k / (TEN.length * YEARS.length));
    return {
      query: `query($m: [String!]!, $s: MetricScopeInput, $y: [Int!]) { metrics(metrics: $m, scope: $s, years: $y, groupBy: [year], first: 100) { totalCount edges { node { year metric value numerator denominator } } } }`,
      variables: { m: flip & 1 ? m.reverse() : m, s: under ? { under: String(under) } : null, y: flip & 2 ? y.reverse() : y },
    };
  };
  const ranking = (p, k = 0) => ({
    query: `query($p: ID!, $k: [JurisdictionKind!]) { ranking(metric: "rate.disclosure", year: 2024, under: $p, kinds: $k) { count quartiles { p25 p50 p75 } rows { unit { id } rank value } } }`,
    // The same question in other words: every order of the township-level kinds.
    variables: { p: String(p), k: KIND_ORDERS[k % KIND_ORDERS.length] },
  });
  const newRanking = (p, i, metrics = NEW_METRICS) => ({
    query: `query($p: ID!, $m: String!, $y: Int!) { ranking(metric: $m, year: $y, under: $p, kinds: [town, township, street]) { count quartiles { p25 p50 p75 } rows { unit { id } rank value } } }`,
    variables: { p: String(p), m: nth(metrics, i), y: metrics === NEW_METRICS ? newYear(i) : nth(YEARS, i) },
  });
  const yoy = (c) => ({ query: `{ yoy(metric: "applications.received", from: 2024, to: 2025, under: "${c}") { unit { id } from to change relativeChange } }` });

  // The peer: sums per group from PostGraphile's view (bench/postgraphile); rates are the
  // client's division, which is not timed.
  const pglTrend = (cond) => ({
    query: `{ allPublishedFigures${cond ? `(condition: {${cond}})` : ''} { groupedAggregates(groupBy: [YEAR]) { keys sum { ${columns.ten.join(' ')} } } } }`,
  });
  const pglRanking = (p, year = 2024, cols = columns.disclosure) => ({
    query: `{ allPublishedFigures(condition: {provinceId: ${p}, year: ${year}}) { groupedAggregates(groupBy: [JURISDICTION_ID]) { keys sum { ${cols.join(' ')} } } } }`,
  });
  const pglYoy = (c) => ({
    query: `{ allPublishedFigures(condition: {countyId: ${c}}) { groupedAggregates(groupBy: [JURISDICTION_ID, YEAR]) { keys sum { ${columns.received.join(' ')} } } } }`,
  });

  const questions = [
    {
      label: 'county 7-year trend, 10 metrics',
      ours: [() => trend(county), (i) => trend(nth(counties, i + 1))],
      peer: [() => pglTrend(`countyId: ${county}`), (i) => pglTrend(`countyId: ${nth(counties, i + 1)}`)],
    },
    {
      label: 'province 7-year trend, 10 metrics',
      ours: [() => trend(province), (i) => trend(nth(provinces, i), Math.floor(i / provinces.length) + 1)],
      peer: [() => pglTrend(`provinceId: ${province}`), (i) => pglTrend(`provinceId: ${nth(provinces, i)}`)],
    },
    {
      label: 'country 7-year trend, 10 metrics',
      ours: [() => trend(null), (i) => trend(null, i + 1)],
      peer: [() => pglTrend(null), () => pglTrend(null)],
    },
    {
      label: 'ranking of all township-level units in a province',
      ours: [() => ranking(province), (i) => ranking(nth(provinces, i), Math.floor(i / provinces.length) + 1)],
      peer: [() => pglRanking(province), (i) => pglRanking(nth(provinces, i))],
    },
    {
      label: 'YoY of a county’s township-level units',
      ours: [() => yoy(county), (i) => yoy(nth(counties, i + 1))],
      peer: [() => pglYoy(county), (i) => pglYoy(nth(counties, i + 1))],
    },
    {
      label: 'ranking in a province, a metric and year not asked before',
      ours: [() => ranking(province), (i) => newRanking(nth(provinces, i), i)],
      peer: [() => pglRanking(province), (i) => pglRanking(nth(provinces, i), newYear(i), columns[nth(NEW_METRICS, i)])],
      warm: {
        ours: (i) => newRanking(nth(provinces, i), i, WARM_METRICS),
        peer: (i) => pglRanking(nth(provinces, i), nth(YEARS, i), columns[nth(WARM_METRICS, i)]),
      },
    },
  ];
  return questions.map(({ warm, ...q }) => ({
    ...q,
    ours: [...q.ours, warm?.ours ?? later(q.ours[1])],
    peer: [...q.peer, warm?.peer ?? later(q.peer[1])],
  }));
}

/** The county trend, Gongkai's and the peer's request (the load test and the check that both agree). */
export function countyTrend(spec) {
  const [first] = questionSet(spec);
  return { ours: first.ours[0](), peer: first.peer[0]() };
}
