// Rankings and YoY are cut from country-wide slices (unit-slices.ts); `metrics` grouped by unit
// still reads its own scope. The two must agree on every scope, kind filter, metric and year,
// and a publish must show in the next ranking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { acceptAndPublish, handReport, submitVersion } from './helpers.js';

const TOKEN = 'metrics-token-slices-0123456789';
let api: TestApi;

/** The slice counters from /metrics: cut, scoped, read, failed (unit slices, or scope slices). */
async function sliceCounts(name = 'gongkai_unit_slices_total'): Promise<Record<string, number>> {
  const text = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const counts: Record<string, number> = { cut: 0, scoped: 0, read: 0, failed: 0 };
  for (const m of text.matchAll(new RegExp(`^${name}\\{event="(\\w+)"\\} (\\d+)`, 'gm'))) counts[m[1] as string] = Number(m[2]);
  return counts;
}
async function slicesRead(n: number): Promise<void> {
  for (let i = 0; i < 200 && (await sliceCounts()).read < n; i++) await new Promise((r) => setTimeout(r, 25));
  expect((await sliceCounts()).read).toBeGreaterThanOrEqual(n);
}
let admin: string;
let county: string;
let towns: { id: string; name: string; kind: string }[];

beforeAll(async () => {
  api = await startTestApi({ seedDemo: true, metricsToken: TOKEN });
  admin = await api.login('admin', 'gongkai-admin');
  const r = await api.gql<{ jurisdiction: { id: string; children: { id: string; name: string; kind: string }[] } }>(
    '{ jurisdiction(code: "411330") { id children { id name kind } } }',
  );
  county = r.data?.jurisdiction.id as string;
  towns = r.data?.jurisdiction.children ?? [];
  // A population for two units in 2024 only: per-capita figures count just those.
  const csv = ['unit,year,population', `${towns[0]?.name},2024,52000`, `${towns[1]?.name},2024,31000`].join('\n');
  const p = await api.gql('mutation($c: String!) { importPopulation(csv: $c) }', { c: csv }, admin);
  expect(p.errors).toBeUndefined();
}, 120_000);
afterAll(() => api?.close());

const METRICS = ['rate.disclosure', 'applications.received', 'perCapita.applications', 'rate.reconsiderationCorrection'];
const KINDS: (string[] | null)[] = [null, [], ['town'], ['township', 'street'], ['department']];

type Values = Map<string, number | null>;
async function byMetrics(metric: string, year: number, under: string | null, kinds: string[] | null): Promise<Values> {
  const r = await api.gql<{ metrics: { edges: { node: { unit: { id: string }; value: number | null } }[] } }>(
    'query($m: [String!]!, $s: MetricScopeInput, $y: [Int!]) { metrics(metrics: $m, scope: $s, years: $y, groupBy: [unit], first: 100) { edges { node { unit { id } value } } } }',
    { m: [metric], s: { under, kinds }, y: [year] },
  );
  expect(r.errors).toBeUndefined();
  return new Map(r.data?.metrics.edges.map((e) => [e.node.unit.id, e.node.value]));
}
async function byRanking(metric: string, year: number, under: string | null, kinds: string[] | null): Promise<Values> {
  const r = await api.gql<{ ranking: { count: number; rows: { unit: { id: string }; value: number | null }[] } }>(
    'query($m: String!, $y: Int!, $u: ID, $k: [JurisdictionKind!]) { ranking(metric: $m, year: $y, under: $u, kinds: $k) { count rows { unit { id } value } } }',
    { m: metric, y: year, u: under, k: kinds },
  );
  expect(r.errors).toBeUndefined();
  return new Map(r.data?.ranking.rows.map((x) => [x.unit.id, x.value]));
}

describe('rankings and YoY from country-wide slices', () => {
  it('give the same units and values as the scoped statement, for every scope, kind filter, metric and year', async () => {
    const scopes = [null, county, ...towns.slice(0, 3).map((t) => t.id)];
    let compared = 0;
    for (const metric of METRICS)
      for (const year of [2019, 2024]) {
        // The first question reads its own scope and starts the slice's read; the rest are cut from it.
        const start = await sliceCounts();
        expect(await byRanking(metric, year, county, ['street'])).toEqual(await byMetrics(metric, year, county, ['street']));
        await slicesRead(start.read + 1);
        for (const under of scopes)
          for (const kinds of KINDS) {
            const want = await byMetrics(metric, year, under, kinds);
            const got = await byRanking(metric, year, under, kinds);
            expect(got, `${metric} ${year} under ${under} kinds ${kinds}`).toEqual(want);
            compared += want.size;
          }
        const end = await sliceCounts();
        expect(end.scoped - start.scoped).toBe(1);
        expect(end.cut - start.cut).toBe(scopes.length * KINDS.length);
      }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);

  it('YoY matches the scoped statement by unit and year, read for its scope and cut from the slices', async () => {
    // Each ask is a new document, so the response cache never answers for the service.
    let asked = 0;
    const yoy = async (kinds: string[] | null) => {
      const r = await api.gql<{ yoy: { unit: { id: string }; from: number | null; to: number | null }[] }>(
        `query Yoy${asked++}($u: ID, $k: [JurisdictionKind!]) { yoy(metric: "rate.disclosure", from: 2022, to: 2024, under: $u, kinds: $k) { unit { id } from to } }`,
        { u: county, k: kinds },
      );
      expect(r.errors).toBeUndefined();
      return r.data?.yoy.map((y) => [y.unit.id, y.from, y.to]).sort();
    };
    const want = async (kinds: string[] | null) => {
      const [a, b] = [await byMetrics('rate.disclosure', 2022, county, kinds), await byMetrics('rate.disclosure', 2024, county, kinds)];
      return [...new Set([...a.keys(), ...b.keys()])].map((id) => [id, a.get(id) ?? null, b.get(id) ?? null]).sort();
    };
    // Until both years' slices are read, YoY reads its scope; then it is cut from them.
    const start = await sliceCounts();
    expect(await yoy(null)).toEqual(await want(null));
    expect((await sliceCounts()).scoped).toBe(start.scoped + 1);
    for (let i = 0; i < 200; i++) {
      const before = await sliceCounts();
      await yoy(null);
      if ((await sliceCounts()).cut > before.cut) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const mid = await sliceCounts();
    for (const kinds of KINDS) expect(await yoy(kinds), `kinds ${kinds}`).toEqual(await want(kinds));
    expect((await sliceCounts()).cut - mid.cut).toBe(KINDS.length);
  });

  it('a publish shows in the next ranking (the slice is read again for the new data version)', async () => {
    const town = towns.find((t) => t.kind === 'town') ?? (towns[0] as { id: string; name: string });
    const before = await byRanking('applications.received', 2024, county, null);
    expect((await sliceCounts()).cut).toBeGreaterThan(0);
    const id = await submitVersion(api, admin, Number(town.id), handReport(`${town.name}人民政府`, 2024, { granted: 777 }));
    await acceptAndPublish(api, admin, id);
    const reads = (await sliceCounts()).read;
    const after = await byRanking('applications.received', 2024, county, null);
    expect(after.get(town.id)).toBe(777);
    await slicesRead(reads + 1);
    expect(await byRanking('applications.received', 2024, county, ['town', 'township', 'street'])).toEqual(
      await byMetrics('applications.received', 2024, county, ['town', 'township', 'street']),
    );
    expect(after.get(town.id)).not.toBe(before.get(town.id));
    expect(after).toEqual(await byMetrics('applications.received', 2024, county, null));
  });

  it('an unknown scope is NOT_FOUND and a bad year BAD_INPUT, as before', async () => {
    const nf = await api.gql('{ ranking(metric: "rate.disclosure", year: 2024, under: "999999") { count } }');
    expect(nf.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await api.gql('{ yoy(metric: "rate.disclosure", from: 1900, to: 2024) { to } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });
});

describe("trends from slices of every scope's rollups", () => {
  const scopeCounts = () => sliceCounts('gongkai_scope_slices_total');
  type Edge = { node: { year: number | null; metric: string; value: number | null; numerator: number | null; denominator: number | null } };
  async function trend(metrics: string[], under: string | null, years: number[] | null, byYear: boolean) {
    const r = await api.gql<{ metrics: { edges: Edge[] } }>(
      'query($m: [String!]!, $s: MetricScopeInput, $y: [Int!], $g: [MetricGroupBy!]) { metrics(metrics: $m, scope: $s, years: $y, groupBy: $g, first: 100) { edges { node { year metric value numerator denominator } } } }',
      { m: metrics, s: under ? { under } : null, y: years, g: byYear ? ['year'] : null },
    );
    expect(r.errors).toBeUndefined();
    // Another metric order answers in another order: compare by year and metric.
    return (r.data?.metrics.edges ?? []).map((e) => e.node).sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.metric.localeCompare(b.metric));
  }

  it('give the same answers as the rollups read for the scope: the county, its city and province, the country; by year or not', async () => {
    const tree = await api.gql<{ jurisdiction: { parent: { id: string; parent: { id: string } | null } | null } }>(
      '{ jurisdiction(code: "411330") { parent { id parent { id } } } }',
    );
    const city = tree.data?.jurisdiction.parent;
    const scopes = [county, city?.id ?? null, city?.parent?.id ?? null, null];
    expect(scopes.filter(Boolean)).toHaveLength(3);
    const M = ['applications.received', 'rate.disclosure', 'reviews.reconsiderations', 'rate.refusal'];
    let compared = 0;
    // One slice per metrics and years, by year or not: the questions by year and without it share it.
    const asked = scopes.flatMap((u) => [true, false].map((byYear) => [u, byYear] as const));
    for (const years of [null, [2019, 2024]]) {
      const start = await scopeCounts();
      // All at once: the slice's read waits for a pause in the questions, so each reads its scope.
      const scoped = await Promise.all(asked.map(([u, byYear]) => trend(M, u, years, byYear)));
      const mid = await scopeCounts();
      expect(mid.scoped - start.scoped).toBe(asked.length);
      for (let i = 0; i < 200 && (await scopeCounts()).read === start.read; i++) await new Promise((r) => setTimeout(r, 25));
      expect((await scopeCounts()).read).toBe(start.read + 1);
      // The same questions in other words (metrics reversed): new to every answer cache, cut from the slice.
      const cut = await Promise.all(asked.map(([u, byYear]) => trend([...M].reverse(), u, years, byYear)));
      expect((await scopeCounts()).cut - mid.cut).toBe(asked.length);
      expect(cut).toEqual(scoped);
      compared += scoped.flat().length;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('a publish shows in the next trend (the slice is read again for the new data version)', async () => {
    const town = towns.find((t) => t.kind === 'town') ?? (towns[0] as { id: string; name: string });
    const received = async (m: string[]) => (await trend(m, county, [2023], true)).find((n) => n.metric === 'applications.received')?.value;
    const before = await received(['applications.received', 'rate.partial']);
    for (let i = 0; i < 200 && (await scopeCounts()).read === 0; i++) await new Promise((r) => setTimeout(r, 25));
    const id = await submitVersion(api, admin, Number(town.id), handReport(`${town.name}人民政府`, 2023, { granted: 999 }));
    await acceptAndPublish(api, admin, id);
    const after = await received(['rate.partial', 'applications.received']);
    expect(after).not.toBe(before);
    expect(after).toBe(await received(['applications.received', 'rate.partial', 'rate.notHeld']));
  });
});
