// Issue 12: one description of a stored version (single and bulk submissions write the same rows),
// `reports { versions }` in one query however many reports, and errors that reach the boundary.
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { ReportsService } from '../modules/reports/reports.service.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';
import { acceptAndPublish, reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  admin = await api.login('admin', 'pw-admin');
});
afterAll(() => api?.close());
afterEach(() => vi.restoreAllMocks());

async function adminActor() {
  const ds = api.server.app.get(DataSource);
  const [user] = await ds.query(`SELECT * FROM app_user WHERE username = 'admin'`);
  return api.server.app.get(AuthService).toActor(user, await ds.getRepository(Jurisdiction).findOneByOrFail({ id: ids.countyId }));
}

describe('one description of a stored version', () => {
  it('a single and a bulk submission of the same file store the same version, figures and findings', async () => {
    const ds = api.server.app.get(DataSource);
    // The same report (numbers, findings) for two towns: only each title's town differs.
    const single = reportFile('淮源镇人民政府', 2016, 41);
    const bulkFile = reportFile('月河镇人民政府', 2016, 41);
    const s = await api.gql(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'same.html', contentBase64: single.base64 } }, admin);
    expect(s.errors).toBeUndefined();
    const r = await api.server.app
      .get(SubmissionsService)
      .bulkSubmit(await adminActor(), [{ jurisdictionId: ids.yuehe, year: 2016, fileName: 'same.html', bytes: bulkFile.bytes }]);
    expect(r).toMatchObject({ imported: 1, failed: [] });

    const stored = async (unit: number) => {
      const [v] = await ds.query(
        `SELECT v.* FROM report_version v JOIN report r ON r."currentVersionId" = v.id WHERE r."jurisdictionId" = $1 AND r.year = 2016`,
        [unit],
      );
      const [f] = await ds.query(`SELECT * FROM report_figures WHERE "versionId" = $1`, [v.id]);
      const findings = await ds.query(`SELECT * FROM finding WHERE "versionId" = $1 ORDER BY rule, message`, [v.id]);
      return { v, f, findings };
    };
    const a = await stored(ids.huaiyuan);
    const b = await stored(ids.yuehe);
    const drop = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
    // What differs is only what must: ids, the unit's name in the file, when it was stored.
    const perVersion = ['id', 'reportId', 'versionId', 'jurisdictionId', 'submittedAt', 'content', 'sha256', 'size', 'data', 'provenance', 'organ'];
    expect(drop(b.v, perVersion)).toEqual(drop(a.v, perVersion));
    expect(Object.keys(b.v).sort()).toEqual(Object.keys(a.v).sort());
    expect(drop(b.f, perVersion)).toEqual(drop(a.f, perVersion));
    expect(Object.values(drop(a.f, perVersion)).some((x) => x !== null)).toBe(true);
    expect(b.findings.map((x: Record<string, unknown>) => drop(x, perVersion))).toEqual(a.findings.map((x: Record<string, unknown>) => drop(x, perVersion)));
  });
});

describe('reports { versions }', () => {
  it('loads the versions of every report in a page with one query', async () => {
    // Four towns' reports for 2017, each with two versions, the first of them published.
    for (const [unit, organ] of [
      [ids.huaiyuan, '淮源镇人民政府'],
      [ids.yuehe, '月河镇人民政府'],
    ] as const) {
      for (const seed of [1, 2]) {
        const f = reportFile(organ, 2017, seed);
        const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
          SUBMIT,
          { input: { jurisdictionId: String(unit), fileName: `${seed}.html`, contentBase64: f.base64 } },
          admin,
        );
        if (seed === 1) await acceptAndPublish(api, admin, s.data?.submitReport.report.version.id as string);
      }
    }
    const ds = api.server.app.get(DataSource);
    const logged = vi.spyOn(ds.logger, 'logQuery');
    const page = async (first: number, token: string | null) => {
      logged.mockClear();
      const r = await api.gql<{ reports: { edges: { node: { year: number; unit: { id: string }; versions: { version: number; status: string }[] } }[] } }>(
        `{ reports(under: "${ids.countyId}", year: 2017, first: ${first}) { edges { node { year unit { id } versions { version status } } } } }`,
        {},
        token,
      );
      expect(r.errors).toBeUndefined();
      const versionQueries = logged.mock.calls.filter(([sql]) => /FROM "report_version"/.test(sql) && /"reportId" IN/.test(sql));
      return { nodes: r.data?.reports.edges.map((e) => e.node) ?? [], versionQueries: versionQueries.length, all: logged.mock.calls.length };
    };
    const one = await page(1, admin);
    const two = await page(10, admin);
    expect(one.nodes).toHaveLength(1);
    expect(two.nodes).toHaveLength(2);
    expect(two.versionQueries).toBe(1);
    // More reports, not more queries (a page that fills up costs a count query more: hence not equal).
    expect(one.versionQueries).toBe(1);
    expect(two.all).toBeLessThanOrEqual(one.all);
    for (const n of two.nodes)
      expect(n.versions).toEqual([
        { version: 2, status: 'submitted' },
        { version: 1, status: 'published' },
      ]);
    // The public sees the published versions only.
    const pub = await page(10, null);
    for (const n of pub.nodes) expect(n.versions).toEqual([{ version: 1, status: 'published' }]);
  });

  it('a failure reading versions is an error in the answer, not an empty list', async () => {
    vi.spyOn(api.server.app.get(ReportsService), 'versionsOfReports').mockRejectedValueOnce(new Error('connection terminated unexpectedly'));
    const r = await api.gql<{ report: { versions: unknown[] } | null }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2017) { id versions { id } } }`,
      {},
      admin,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    expect(r.errors?.[0]?.message).not.toContain('connection terminated');
    expect(r.data?.report?.versions ?? null).toBeNull();
  });
});
