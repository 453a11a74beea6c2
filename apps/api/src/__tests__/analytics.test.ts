import type { CanonicalReport } from '@gongkai/report-template';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { acceptAndPublish, handReport as report, submitVersion } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let dept: string;

async function submitAndPublish(unitId: number, r: CanonicalReport, publish = true) {
  const id = await submitVersion(api, admin, unitId, r);
  if (publish) await acceptAndPublish(api, admin, id);
}

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  admin = await api.login('admin', 'pw-admin');
  const made = await api.gql<{ createJurisdiction: { id: string } }>(
    `mutation { createJurisdiction(input: { name: "桐柏县教育局", kind: department, parentId: "${ids.countyId}" }) { id } }`,
    {},
    admin,
  );
  dept = made.data?.createJurisdiction.id as string;
  // 淮源镇: 2022 five granted; 2023 ten handled (4 granted, 6 not held), 3 reconsiderations (1 corrected).
  await submitAndPublish(ids.huaiyuan, report('淮源镇人民政府', 2022, { granted: 5 }));
  await submitAndPublish(ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 4, 'unavailable.notHeld': 6 }, { upheld: 2, corrected: 1 }));
  // 月河镇 2023: twenty handled, 15 granted, 5 partly.
  await submitAndPublish(ids.yuehe, report('月河镇人民政府', 2023, { granted: 15, partiallyGranted: 5 }));
  // 教育局 2023: nothing at all; its 2022 report is submitted but never published.
  await submitAndPublish(Number(dept), report('桐柏县教育局', 2023, {}));
  await submitAndPublish(Number(dept), report('桐柏县教育局', 2022, { granted: 100 }), false);
});
afterAll(() => api?.close());

type Row = {
  metric: string;
  year: number | null;
  unit: { name: string } | null;
  value: number | null;
  numerator: number;
  denominator: number | null;
  smallSample: boolean;
  low: number | null;
  high: number | null;
  reports: number;
};
const METRICS_Q = `query($m: [String!]!, $s: MetricScopeInput, $y: [Int!], $g: [MetricGroupBy!], $o: MetricOrderInput, $u: Boolean) {
  metrics(metrics: $m, scope: $s, years: $y, groupBy: $g, orderBy: $o, includeUnpublished: $u, first: 100) { totalCount edges { node { metric year unit { name } value numerator denominator smallSample low high reports } } } }`;
const rows = async (vars: Record<string, unknown>, token: string | null = null) => {
  const r = await api.gql<{ metrics: { totalCount: number; edges: { node: Row }[] } }>(METRICS_Q, vars, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data?.metrics.edges.map((e) => e.node) ?? [];
};

describe('metrics', () => {
  it('county sums and rates, with numerator, denominator and interval', async () => {
    const r = await rows({
      m: ['applications.received', 'rate.disclosure', 'rate.reconsiderationCorrection', 'rate.refusal'],
      s: { under: String(ids.countyId) },
      y: [2023],
    });
    const by = Object.fromEntries(r.map((x) => [x.metric, x]));
    expect(by['applications.received']).toMatchObject({ value: 30, reports: 3 });
    expect(by['rate.disclosure']).toMatchObject({ numerator: 19, denominator: 30, smallSample: false });
    expect(by['rate.disclosure']?.value).toBeCloseTo(19 / 30, 10);
    expect(by['rate.disclosure']?.low).toBeCloseTo(0.4551, 3);
    expect(by['rate.disclosure']?.high).toBeCloseTo(0.7813, 3);
    expect(by['rate.reconsiderationCorrection']).toMatchObject({ numerator: 1, denominator: 3, smallSample: true });
    expect(by['rate.refusal']).toMatchObject({ value: 0, numerator: 0, denominator: 30 });
  });

  it('grouped by unit and ordered by a rate; a zero denominator is null and sorts last', async () => {
    const r = await rows({
      m: ['rate.disclosure'],
      s: { under: String(ids.countyId) },
      y: [2023],
      g: ['unit'],
      o: { metric: 'rate.disclosure', direction: 'DESC' },
    });
    expect(r.map((x) => [x.unit?.name, x.value])).toEqual([
      ['月河镇', 0.75],
      ['淮源镇', 0.4],
      ['桐柏县教育局', null],
    ]);
  });

  it('grouped by year: only published versions count', async () => {
    const r = await rows({ m: ['applications.received'], s: { under: String(ids.countyId) }, g: ['year'] });
    expect(r.map((x) => [x.year, x.value, x.reports])).toEqual([
      [2022, 5, 1],
      [2023, 30, 3],
    ]);
    const insider = await rows({ m: ['applications.received'], s: { under: String(ids.countyId) }, g: ['year'], u: true }, admin);
    expect(insider.map((x) => [x.year, x.value])).toEqual([
      [2022, 105],
      [2023, 30],
    ]);
    const refused = await api.gql(METRICS_Q, { m: ['applications.received'], s: { under: String(ids.countyId) }, u: true });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a newly published version changes the aggregates at once and entirely', async () => {
    await submitAndPublish(ids.yuehe, report('月河镇人民政府', 2023, { granted: 2 }));
    const r = await rows({ m: ['applications.received', 'applications.partiallyGranted.total'], s: { under: String(ids.countyId) }, y: [2023] });
    expect(r.map((x) => [x.metric, x.value])).toEqual([
      ['applications.received', 12],
      ['applications.partiallyGranted.total', 0],
    ]);
  });

  it('year over year per unit, and a ranking with percentiles and quartiles', async () => {
    const y = await api.gql<{
      yoy: { unit: { name: string }; from: number | null; to: number | null; change: number | null; relativeChange: number | null }[];
    }>(`{ yoy(metric: "applications.received", from: 2022, to: 2023, under: "${ids.countyId}") { unit { name } from to change relativeChange } }`);
    expect(y.data?.yoy).toEqual([
      { unit: { name: '淮源镇' }, from: 5, to: 10, change: 5, relativeChange: 1 },
      { unit: { name: '月河镇' }, from: null, to: 2, change: null, relativeChange: null },
      { unit: { name: '桐柏县教育局' }, from: null, to: 0, change: null, relativeChange: null },
    ]);
    const k = await api.gql<{
      ranking: {
        count: number;
        quartiles: { p25: number; p50: number; p75: number };
        rows: { unit: { name: string }; value: number; rank: number; percentile: number }[];
      };
    }>(
      `{ ranking(metric: "applications.received", year: 2023, under: "${ids.countyId}") { count quartiles { p25 p50 p75 } rows { unit { name } value rank percentile } } }`,
    );
    expect(k.data?.ranking).toEqual({
      count: 3,
      quartiles: { p25: 1, p50: 2, p75: 6 },
      rows: [
        { unit: { name: '淮源镇' }, value: 10, rank: 1, percentile: 1 },
        { unit: { name: '月河镇' }, value: 2, rank: 2, percentile: 0.5 },
        { unit: { name: '桐柏县教育局' }, value: 0, rank: 3, percentile: 0 },
      ],
    });
  });

  it('county, country and by-unit answers agree (rollups kept in step with publication)', async () => {
    const m = ['applications.received', 'rate.disclosure', 'reviews.reconsiderations', 'proactive.feesWan'];
    const byUnit = await rows({ m, s: { under: String(ids.countyId) }, g: ['unit', 'year'] });
    for (const scope of [{ under: String(ids.countyId) }, {}]) {
      const byYear = await rows({ m, s: scope, g: ['year'] });
      for (const year of [2022, 2023]) {
        const received = byUnit.filter((r) => r.year === year && r.metric === 'applications.received').reduce((a, r) => a + (r.value ?? 0), 0);
        expect(byYear.find((r) => r.year === year && r.metric === 'applications.received')?.value).toBe(received);
        const rate = byUnit.filter((r) => r.year === year && r.metric === 'rate.disclosure');
        expect(byYear.find((r) => r.year === year && r.metric === 'rate.disclosure')?.numerator).toBe(rate.reduce((a, r) => a + r.numerator, 0));
        expect(byYear.find((r) => r.year === year && r.metric === 'rate.disclosure')?.denominator).toBe(rate.reduce((a, r) => a + (r.denominator ?? 0), 0));
      }
    }
  });

  it('rebuilding the rollups from the reports gives the same answers', async () => {
    const m = ['applications.received', 'rate.disclosure', 'proactive.feesWan'];
    const before = await rows({ m, s: { under: String(ids.countyId) }, g: ['year', 'kind'] });
    const { rebuildRollups } = await import('../modules/published/rollups.js');
    const { DataSource } = await import('typeorm');
    await api.server.app.get(DataSource).transaction((t) => rebuildRollups(t));
    expect(await rows({ m, s: { under: String(ids.countyId) }, g: ['year', 'kind'] })).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });

  it('per 10,000 residents counts only units with a population loaded', async () => {
    const noPop = await rows({ m: ['perCapita.applications'], s: { under: String(ids.countyId) }, y: [2023] });
    expect(noPop[0]).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    const bad = await api.gql('mutation($c: String!) { importPopulation(csv: $c) }', { c: 'unit,year,population\n淮源镇,2023,-5\n' }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(
      (
        await api.gql(
          'mutation($c: String!) { importPopulation(csv: $c) }',
          { c: 'unit,year,population\n淮源镇,2023,1\n' },
          await api.login('viewer', 'pw-viewer'),
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const ok = await api.gql<{ importPopulation: number }>(
      'mutation($c: String!) { importPopulation(csv: $c) }',
      { c: 'unit,year,population\n淮源镇,2023,20000\n月河镇,2023,10000\n' },
      admin,
    );
    expect(ok.data?.importPopulation).toBe(2);
    const r = await rows({ m: ['perCapita.applications'], s: { under: String(ids.countyId) }, y: [2023] });
    // 淮源镇 10 + 月河镇 2 (its republished version) over 30,000 residents; 教育局 has none and is left out.
    expect(r[0]).toMatchObject({ value: 4, numerator: 12, denominator: 30000 });
  });

  it('bad metrics, groupings and pages are refused with a code', async () => {
    for (const vars of [
      { m: ['nope'] },
      { m: [] },
      { m: ['applications.received'], g: ['planet'] },
      { m: ['applications.received'], o: { metric: 'rate.disclosure', direction: 'DESC' } },
      { m: ['applications.received'], y: [1066] },
    ]) {
      const r = await api.gql(METRICS_Q, vars);
      expect([JSON.stringify(vars), r.errors?.[0]?.extensions?.code]).toEqual([JSON.stringify(vars), 'BAD_INPUT']);
    }
  });
});

describe('CSV export', () => {
  it('holds exactly the query’s rows, with scope, years and 口径 version written in it', async () => {
    const vars = { m: ['applications.received', 'rate.disclosure'], s: { under: String(ids.countyId) }, y: [2022, 2023], g: ['unit', 'year'] };
    const q = await rows(vars);
    const res = await fetch(
      `${api.url}/api/export/metrics.csv?metrics=applications.received,rate.disclosure&under=${ids.countyId}&years=2022,2023&groupBy=unit,year`,
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('Gongkai');
    expect(lines[1]).toContain('桐柏县');
    expect(lines[2]).toContain('2022,2023');
    expect(lines[3]).toMatch(/口径版本 metrics version: \d{4}\.\d+/);
    const [header, ...body] = lines.slice(4);
    const cols = (header as string).split(',');
    const parsed = body.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(parsed.map((p) => [p.metric, Number(p.year), p.unit, p.value === '' ? null : Number(p.value)])).toEqual(
      q.map((x) => [x.metric, x.year, x.unit?.name, x.value]),
    );
    // Rows per unit name the unit's parent and kind.
    expect(
      parsed.every(
        (p) =>
          p.parent === '桐柏县' &&
          p.parent_id === String(ids.countyId) &&
          ['town', 'township', 'street', 'department', 'government'].includes(p.kind as string),
      ),
    ).toBe(true);
    expect(parsed.find((p) => p.unit === '淮源镇')?.kind).toBe('town');
  });

  it('as Excel: the same rows in a workbook', async () => {
    const csv = (await (await fetch(`${api.url}/api/export/metrics.csv?metrics=applications.received&under=${ids.countyId}&groupBy=unit,year`)).text())
      .trim()
      .split('\r\n');
    const res = await fetch(`${api.url}/api/export/metrics.xlsx?metrics=applications.received&under=${ids.countyId}&groupBy=unit,year`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect((sheet.match(/<row /g) ?? []).length).toBe(csv.length);
    expect(sheet).toContain('<t xml:space="preserve">applications.received</t>');
    expect(sheet).toContain('<t xml:space="preserve">淮源镇</t>');
  });

  it('bulk download: every published report of the scope, every cell a column', async () => {
    const text = (await (await fetch(`${api.url}/api/export/reports.csv?under=${ids.countyId}`)).text()).replace(/^\uFEFF/, '');
    const [, , header, ...body] = text.trim().split('\r\n');
    const cols = (header as string).split(',');
    expect(cols).toContain('applications.newReceived.total');
    const rowsOut = body.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(rowsOut.map((r) => [r.unit, r.year, r['applications.newReceived.total']])).toEqual([
      ['淮源镇', '2022', '5'],
      ['淮源镇', '2023', '10'],
      ['月河镇', '2023', '2'],
      ['桐柏县教育局', '2023', '0'],
    ]);
  });
});
