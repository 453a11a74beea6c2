import { randomReport } from '@gongkai/report-render';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';

let api: TestApi;
let ids: SmallCounty;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
});
afterAll(() => api?.close());

/** The county admin as the services see them (the bulk path has no GraphQL mutation). */
async function adminActor() {
  const ds = api.server.app.get(DataSource);
  const adminUser = await ds.query(`SELECT * FROM app_user WHERE username = 'admin'`);
  const county = await ds.getRepository(Jurisdiction).findOneByOrFail({ id: ids.countyId });
  return { ds, actor: api.server.app.get(AuthService).toActor(adminUser[0], county) };
}

const json = (organ: string, year: number, seed: number) => new TextEncoder().encode(JSON.stringify(randomReport(seed, { organ, year, version: '2021' })));

describe('bulk submission', () => {
  it('stores and publishes many reports in one go, through the parser and validator, with rollups in step', async () => {
    const { actor } = await adminActor();
    const items = [];
    for (let y = 2015; y < 2025; y++) {
      items.push({ jurisdictionId: ids.huaiyuan, year: y, fileName: `h${y}.json`, bytes: json('淮源镇人民政府', y, y) });
      items.push({ jurisdictionId: ids.yuehe, year: y, fileName: `y${y}.json`, bytes: json('月河镇人民政府', y, 100 + y) });
    }
    items.push({ jurisdictionId: ids.otherTown, year: 2020, fileName: 'other.json', bytes: json('城郊乡人民政府', 2020, 1) });
    items.push({ jurisdictionId: ids.huaiyuan, year: 2018, fileName: 'junk.json', bytes: new TextEncoder().encode('{"templateVersion": "2021"') });
    const svc = api.server.app.get(SubmissionsService);
    const r = await svc.bulkSubmit(actor, items, { publish: true });
    expect(r.imported).toBe(20);
    expect(r.failed.map((f) => [f.index, f.code])).toEqual([
      [20, 'FORBIDDEN'],
      [21, 'UNREADABLE_REPORT'],
    ]);
    const again = await svc.bulkSubmit(actor, items.slice(0, 20), { publish: true });
    expect(again).toMatchObject({ imported: 0, unchanged: 20 });

    const q = `{ metrics(metrics: ["applications.received", "rate.disclosure"], scope: { under: "${ids.countyId}" }, groupBy: [year], first: 100) { edges { node { year metric value numerator denominator } } } }`;
    const viaRollups =
      (await api.gql<{ metrics: { edges: { node: { year: number; metric: string; value: number } }[] } }>(q)).data?.metrics.edges.map((e) => e.node) ?? [];
    expect(viaRollups).toHaveLength(20);
    for (const year of [2015, 2020, 2024]) {
      const want = [ids.huaiyuan, ids.yuehe].reduce((s, u) => {
        const seed = u === ids.huaiyuan ? year : 100 + year;
        return s + ((randomReport(seed, { organ: 'x', year, version: '2021' }).applications as { newReceived: { total: number } }).newReceived.total ?? 0);
      }, 0);
      expect(viaRollups.find((x) => x.year === year && x.metric === 'applications.received')?.value).toBe(want);
    }
    const published = await api.gql<{ report: { versionCount: number; version: { status: string; synthetic: boolean } } }>(
      `{ report(jurisdictionId: "${ids.yuehe}", year: 2019) { versionCount version { status synthetic } } }`,
    );
    expect(published.data?.report).toMatchObject({ versionCount: 1, version: { status: 'published' } });
  });

  it('stores hostile text byte for byte (COPY escaping) and replaces published versions in the rollups', async () => {
    const { ds, actor } = await adminActor();
    const svc = api.server.app.get(SubmissionsService);
    const nasty = 'tab\there\nnew line\r\nback\\slash \\N "quotes" {braces,comma} 中文 \u2028 end';
    const report = randomReport(777, { organ: '淮源镇人民政府', year: 2012, version: '2021' });
    report.text = { overview: nasty, problems: '\\.', other: null };
    const first = await svc.bulkSubmit(
      actor,
      [{ jurisdictionId: ids.huaiyuan, year: 2012, fileName: 'tab\tname.json', bytes: new TextEncoder().encode(JSON.stringify(report)) }],
      {
        publish: true,
      },
    );
    expect(first).toMatchObject({ imported: 1, failed: [] });
    const read = await api.gql<{ report: { version: { data: { text: { overview: string; problems: string } }; fileName: string } } }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2012) { version { data fileName } } }`,
    );
    expect(read.data?.report.version.data.text).toMatchObject({ overview: nasty, problems: '\\.' });
    const received = async () =>
      (
        await api.gql<{ metrics: { edges: { node: { value: number } }[] } }>(
          `{ metrics(metrics: ["applications.received"], scope: { units: ["${ids.huaiyuan}"] }, years: [2012]) { edges { node { value } } } }`,
        )
      ).data?.metrics.edges[0]?.node.value;
    expect(await received()).toBe(report.applications.newReceived?.total ?? 0);
    // A second version of the same report replaces the first in the sums, not adds to it.
    const second = structuredClone(report);
    (second.applications.newReceived as Record<string, number>).total = (report.applications.newReceived?.total ?? 0) + 5;
    (second.applications.newReceived as Record<string, number>).naturalPerson = (report.applications.newReceived?.naturalPerson ?? 0) + 5;
    await svc.bulkSubmit(actor, [{ jurisdictionId: ids.huaiyuan, year: 2012, fileName: 'v2.json', bytes: new TextEncoder().encode(JSON.stringify(second)) }], {
      publish: true,
    });
    expect(await received()).toBe((report.applications.newReceived?.total ?? 0) + 5);
    const findings = await ds.query(
      `SELECT f.cells FROM finding f JOIN report r ON r."currentVersionId" = f."versionId" WHERE r."jurisdictionId" = $1 AND r.year = 2012`,
      [ids.huaiyuan],
    );
    for (const f of findings)
      expect(
        Array.isArray(f.cells) && f.cells.every((c: string) => c.startsWith('applications.') || c.startsWith('proactive.') || c.startsWith('reviews.')),
      ).toBe(true);
  });
});
