// Issue 10, finding 2: cross-year findings and anomalies compare with last year's PUBLISHED report
// only, and follow it when that publication changes.
import { renderReport } from '@gongkai/report-render';
import { type CanonicalReport, setPath } from '@gongkai/report-template';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';
import { acceptAndPublish, handReport, submitVersion } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let clerk: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  [admin, clerk] = await loginAs(api, 'admin', 'yuehe');
});
afterAll(() => api?.close());

/** 月河镇's report for a year: `forward` carried into next year, `over` carried from last year, `inForce` normative documents. */
function yuehe(year: number, n: { forward?: number; over?: number; inForce: number; granted?: number }): CanonicalReport {
  const r = handReport('月河镇人民政府', year, { granted: n.granted ?? 3 });
  for (const col of ['naturalPerson', 'total']) {
    setPath(r.applications, `carriedForward.${col}`, n.forward ?? 0);
    setPath(r.applications, `carriedOver.${col}`, n.over ?? 0);
  }
  (r.proactive.normativeDocuments as { inForce: number }).inForce = n.inForce;
  return r;
}

type Finding = { rule: string; message: string };
async function findings2025(token: string | null): Promise<Finding[]> {
  const r = await api.gql<{ report: { version: { findings: Finding[] } } }>(
    `{ report(jurisdictionId: "${ids.yuehe}", year: 2025) { version { findings { rule message } } } }`,
    {},
    token,
  );
  return r.data?.report.version.findings ?? [];
}
const crossYear = (fs: Finding[]) => fs.filter((f) => f.rule === 'carryOver.matchesPreviousYear' || f.rule === 'normativeDocuments.stockFlow');

async function quality(token: string | null) {
  const r = await api.gql<{ dataQuality: { openFindings: { rule: string }[]; anomalies: { kind: string; unit: { name: string }; message: string }[] } }>(
    `{ dataQuality(under: "${ids.countyId}", year: 2025) { openFindings { rule } anomalies { kind unit { name } message } } }`,
    {},
    token,
  );
  return r.data?.dataQuality;
}

describe('cross-year rules read the published previous year only', () => {
  let v2024: string;
  it('a consistent pair, both published: no cross-year findings, no continuity break', async () => {
    v2024 = await submitVersion(api, clerk, ids.yuehe, yuehe(2024, { forward: 7, inForce: 5 }));
    await acceptAndPublish(api, admin, v2024);
    await acceptAndPublish(api, admin, await submitVersion(api, clerk, ids.yuehe, yuehe(2025, { over: 7, inForce: 5 })));
    expect(crossYear(await findings2025(null))).toEqual([]);
    for (const token of [null, admin]) expect((await quality(token))?.anomalies.filter((a) => a.kind === 'continuityBreak')).toEqual([]);
  });

  it('an unaccepted 2024 upload adds nothing to the published 2025 report, its findings or the anomalies', async () => {
    const unreviewed = await submitVersion(api, clerk, ids.yuehe, yuehe(2024, { forward: 18, inForce: 18, granted: 4 }));
    for (const token of [null, admin]) {
      expect(crossYear(await findings2025(token))).toEqual([]);
      const q = await quality(token);
      expect(q?.openFindings.map((f) => f.rule)).not.toContain('carryOver.matchesPreviousYear');
      expect(q?.openFindings.map((f) => f.rule)).not.toContain('normativeDocuments.stockFlow');
      expect(q?.anomalies.filter((a) => a.kind === 'continuityBreak' || a.message.includes('18'))).toEqual([]);
    }
    // Sent back: its numbers are never quoted, now or later.
    await api.gql(`mutation { returnReport(versionId: "${unreviewed}", reason: "数字有误") { status } }`, {}, admin);
    expect(crossYear(await findings2025(admin))).toEqual([]);
  });

  it('publishing a new 2024 re-checks 2025 against it, quoting its numbers, never the returned ones', async () => {
    const v3 = await submitVersion(api, clerk, ids.yuehe, yuehe(2024, { forward: 25, inForce: 25, granted: 5 }));
    expect(crossYear(await findings2025(null))).toEqual([]); // submitted, not yet published
    await acceptAndPublish(api, admin, v3);
    for (const token of [null, admin]) {
      const fs = crossYear(await findings2025(token));
      expect(fs.map((f) => f.rule).sort()).toEqual(['carryOver.matchesPreviousYear', 'carryOver.matchesPreviousYear', 'normativeDocuments.stockFlow']);
      expect(
        fs.every((f) => /25/.test(f.message) && !/18/.test(f.message)),
        JSON.stringify(fs),
      ).toBe(true);
      const breaks = (await quality(token))?.anomalies.filter((a) => a.kind === 'continuityBreak') ?? [];
      expect(breaks.map((a) => a.message)).toEqual(['上年结转 7 件，上一年度结转下年度为 25 件']);
    }
  });

  it('a 2025 upload is checked against the published 2024, not the current one', async () => {
    // 2024's current version is an unreviewed one with other numbers again.
    await submitVersion(api, clerk, ids.yuehe, yuehe(2024, { forward: 40, inForce: 40, granted: 6 }));
    const id = await submitVersion(api, clerk, ids.yuehe, yuehe(2025, { over: 25, inForce: 25, granted: 2 }));
    const r = await api.gql<{ report: { version: { id: string; findings: Finding[] } } }>(
      `{ report(jurisdictionId: "${ids.yuehe}", year: 2025) { version { id findings { rule message } } } }`,
      {},
      admin,
    );
    expect(r.data?.report.version.id).toBe(id);
    expect(crossYear(r.data?.report.version.findings ?? [])).toEqual([]);
  });
});

describe('the bulk path', () => {
  async function adminActor() {
    const ds = api.server.app.get(DataSource);
    const [user] = await ds.query(`SELECT * FROM app_user WHERE username = 'admin'`);
    return api.server.app.get(AuthService).toActor(user, await ds.getRepository(Jurisdiction).findOneByOrFail({ id: ids.countyId }));
  }
  const item = (year: number, r: CanonicalReport) => ({ jurisdictionId: ids.huaiyuan, year, fileName: `${year}.html`, bytes: renderReport(r, 'html') });
  const huaiyuan = (year: number, n: { forward?: number; over?: number }) => {
    const r = yuehe(year, { ...n, inForce: 0 });
    r.organ = '淮源镇人民政府';
    return r;
  };
  async function crossYearOf(year: number): Promise<string[]> {
    const rows: { message: string }[] = await api.server.app
      .get(DataSource)
      .query(
        `SELECT f.message FROM finding f JOIN report r ON f."versionId" IN (r."currentVersionId", r."publishedVersionId") WHERE r."jurisdictionId" = $1 AND r.year = $2 AND f."crossYear"`,
        [ids.huaiyuan, year],
      );
    return rows.map((r) => r.message);
  }

  it('unpublished batches compare with the database’s published year; a published batch re-checks the next year', async () => {
    const svc = api.server.app.get(SubmissionsService);
    const actor = await adminActor();
    // 2021 published, 2022 published and consistent with it.
    await svc.bulkSubmit(actor, [item(2021, huaiyuan(2021, { forward: 4 })), item(2022, huaiyuan(2022, { over: 4 }))], { publish: true });
    expect(await crossYearOf(2022)).toEqual([]);
    // An unpublished 2021 with other numbers, in the same batch as an unpublished 2022: not a baseline.
    await svc.bulkSubmit(actor, [item(2021, huaiyuan(2021, { forward: 9 })), item(2022, huaiyuan(2022, { over: 9 }))]);
    // The new 2022 (over 9) against the published 2021 (forward 4): two columns differ.
    const before = await crossYearOf(2022);
    expect(before).toHaveLength(2);
    expect(
      before.every((m) => m.includes('为 4，')),
      JSON.stringify(before),
    ).toBe(true);
    // Publishing a 2021 with 9 in a batch of its own re-checks the 2022 versions already stored.
    await svc.bulkSubmit(actor, [item(2021, huaiyuan(2021, { forward: 9, over: 1 }))], { publish: true });
    // Now the current 2022 (over 9) agrees, and the published 2022 (over 4) does not.
    const after = await crossYearOf(2022);
    expect(after).toHaveLength(2);
    expect(
      after.every((m) => m.includes('为 9，本年上年结转为 4')),
      JSON.stringify(after),
    ).toBe(true);
  });
});
