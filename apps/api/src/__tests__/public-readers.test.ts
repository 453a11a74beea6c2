// Issue 10, findings 3 and 4: a returned report cannot get stuck; public readers see published facts only.
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';
import { reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let clerk: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  [admin, clerk] = await loginAs(api, 'admin', 'huaiyuan');
});
afterAll(() => api?.close());

type Sub = { submitReport: { created: boolean; report: { versionCount: number; version: { id: string; version: number; status: string } } } };
const send = (fileName: string, base64: string, year: number) =>
  api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), year, fileName, contentBase64: base64 } }, clerk);

describe('a returned report does not get stuck (finding 3)', () => {
  it('re-sending an earlier file after the current version was returned makes it current again, as a new version', async () => {
    const a = reportFile('淮源镇人民政府', 2020, 1);
    const b = reportFile('淮源镇人民政府', 2020, 2);
    const v1 = (await send('a.html', a.base64, 2020)).data?.submitReport.report.version;
    const v2 = (await send('b.html', b.base64, 2020)).data?.submitReport.report.version;
    expect([v1?.version, v2?.version]).toEqual([1, 2]);
    // While v2 waits for review, v1's file again is no change.
    expect((await send('a.html', a.base64, 2020)).data?.submitReport).toMatchObject({ created: false, report: { versionCount: 2 } });
    await api.gql(`mutation { returnReport(versionId: "${v2?.id}", reason: "用错了版本") { status } }`, {}, admin);
    // The returned file itself again: nothing new to review.
    expect((await send('b.html', b.base64, 2020)).data?.submitReport).toMatchObject({ created: false, report: { version: { status: 'returned' } } });
    // v1's file again: a new current version v3, submitted, reviewable.
    const again = await send('a-again.html', a.base64, 2020);
    expect(again.data?.submitReport, JSON.stringify(again.errors)).toMatchObject({
      created: true,
      report: { versionCount: 3, version: { version: 3, status: 'submitted' } },
    });
    const v3 = again.data?.submitReport.report.version.id as string;
    const shown = await api.gql<{ report: { version: { id: string; sha256: string } } }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2020) { version { id sha256 } } }`,
      {},
      admin,
    );
    expect(shown.data?.report.version).toEqual({ id: v3, sha256: createHash('sha256').update(a.bytes).digest('hex') });
    const accepted = await api.gql<{ acceptReport: { status: string } }>(`mutation { acceptReport(versionId: "${v3}") { status } }`, {}, admin);
    expect(accepted.data?.acceptReport.status).toBe('accepted');
  });

  it('the bulk path does the same', async () => {
    const a = reportFile('淮源镇人民政府', 2019, 3);
    const b = reportFile('淮源镇人民政府', 2019, 4);
    await send('a.html', a.base64, 2019);
    const v2 = (await send('b.html', b.base64, 2019)).data?.submitReport.report.version.id;
    await api.gql(`mutation { returnReport(versionId: "${v2}", reason: "退回") { status } }`, {}, admin);
    const ds = api.server.app.get(DataSource);
    const [user] = await ds.query(`SELECT * FROM app_user WHERE username = 'huaiyuan'`);
    const actor = api.server.app.get(AuthService).toActor(user, await ds.getRepository(Jurisdiction).findOneByOrFail({ id: ids.huaiyuan }));
    const svc = api.server.app.get(SubmissionsService);
    const item = (r: { bytes: Uint8Array }) => ({ jurisdictionId: ids.huaiyuan, year: 2019, fileName: 'x.html', bytes: r.bytes });
    expect(await svc.bulkSubmit(actor, [item(b)])).toMatchObject({ imported: 0, unchanged: 1 });
    expect(await svc.bulkSubmit(actor, [item(a)])).toMatchObject({ imported: 1, unchanged: 0 });
    const [report] = await ds.query(
      `SELECT r."versionCount", v.version, v.status FROM report r JOIN report_version v ON v.id = r."currentVersionId" WHERE r."jurisdictionId" = $1 AND r.year = 2019`,
      [ids.huaiyuan],
    );
    expect(report).toEqual({ versionCount: 3, version: 3, status: 'submitted' });
  });
});

describe('public readers see published facts only (finding 4)', () => {
  let publishedSha: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    const v1 = reportFile('淮源镇人民政府', 2022, 11);
    publishedSha = createHash('sha256').update(v1.bytes).digest('hex');
    const s1 = await send('published-v1.html', v1.base64, 2022);
    const id1 = s1.data?.submitReport.report.version.id as string;
    const findings = await api.gql<{ report: { version: { findings: { id: string }[] } } }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2022) { version { findings { id } } } }`,
      {},
      admin,
    );
    const finding = findings.data?.report.version.findings[0]?.id;
    if (finding) await api.gql(`mutation { decideFinding(findingId: "${finding}", decision: dismissed, reason: "已核实无误") { decision } }`, {}, admin);
    await api.gql(`mutation { acceptReport(versionId: "${id1}") { status } }`, {}, admin);
    await api.gql(`mutation { publishReport(versionId: "${id1}") { status } }`, {}, admin);
    // Then a returned v2 and a v3 under review: nothing of them may reach outsiders.
    const v2 = reportFile('淮源镇人民政府', 2022, 12);
    const s2 = await send('secret-returned-v2.html', v2.base64, 2022);
    await api.gql(`mutation { returnReport(versionId: "${s2.data?.submitReport.report.version.id}", reason: "保密的退回理由") { status } }`, {}, admin);
    const v3 = reportFile('淮源镇人民政府', 2022, 13);
    await send('secret-pending-v3.html', v3.base64, 2022);
    secrets.push(
      'secret-returned-v2.html',
      'secret-pending-v3.html',
      '保密的退回理由',
      createHash('sha256').update(v2.bytes).digest('hex'),
      createHash('sha256').update(v3.bytes).digest('hex'),
      '"huaiyuan"',
      '"admin"',
    );
  });

  /** Every field of Report and ReportVersion (and their findings), built from the schema itself. */
  async function everyField(): Promise<string> {
    const leaves = async (type: string) => {
      const r = await api.gql<{
        __type: {
          fields: {
            name: string;
            args: unknown[];
            type: {
              kind: string;
              name: string | null;
              ofType: { kind: string; name: string | null; ofType: { kind: string; name: string | null } | null } | null;
            };
          }[];
        };
      }>(`{ __type(name: "${type}") { fields { name args { name } type { kind name ofType { kind name ofType { kind name } } } } } }`);
      const base = (t: { kind: string; name: string | null; ofType: unknown }): { kind: string; name: string | null } =>
        t.ofType ? base(t.ofType as never) : t;
      return (r.data?.__type.fields ?? []).map((f) => ({ name: f.name, kind: base(f.type).kind, type: base(f.type).name }));
    };
    const sub: Record<string, string> = { Jurisdiction: '{ id name }', Figure: '{ key value source }' };
    const select = async (type: string, depth: number): Promise<string> => {
      const parts: string[] = [];
      for (const f of await leaves(type)) {
        if (f.kind === 'SCALAR' || f.kind === 'ENUM') parts.push(f.name);
        else if (f.type && sub[f.type]) parts.push(`${f.name} ${sub[f.type]}`);
        else if (f.type && depth > 0) parts.push(`${f.name} ${await select(f.type, depth - 1)}`);
      }
      return `{ ${parts.join(' ')} }`;
    };
    return select('Report', 2);
  }

  it('anonymous, viewer, analyst, another unit’s clerk and another county’s admin: every field of the report', async () => {
    const selection = await everyField();
    expect(selection).toContain('versionCount');
    expect(selection).toContain('submittedBy');
    const tokens: [string, string | null][] = [
      ['anonymous', null],
      ['viewer', await api.login('viewer', 'pw-viewer')],
      ['analyst', await api.login('analyst', 'pw-analyst')],
      ['yuehe', await api.login('yuehe', 'pw-yuehe')],
      ['otheradmin', await api.login('otheradmin', 'pw-otheradmin')],
    ];
    for (const [who, token] of tokens) {
      const one = await api.gql<{ report: { versionCount: number; version: { version: number; status: string; sha256: string; submittedBy: string | null } } }>(
        `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2022) ${selection} }`,
        {},
        token,
      );
      expect(one.errors, who).toBeUndefined();
      expect([who, one.data?.report.versionCount, one.data?.report.version.status, one.data?.report.version.sha256]).toEqual([
        who,
        1,
        'published',
        publishedSha,
      ]);
      expect(one.data?.report.version.submittedBy).toBeNull();
      const list = await api.gql(`{ reports(under: "${ids.countyId}", year: 2022) { totalCount edges { node ${selection} } } }`, {}, token);
      const text = JSON.stringify([one, list]);
      for (const s of secrets) expect(text.includes(s), `${who} sees ${s}`).toBe(false);
      // Asking for an unpublished version by number, or its file, finds nothing.
      const v3 = await api.gql(`{ report(jurisdictionId: "${ids.huaiyuan}", year: 2022, version: 3) { id } }`, {}, token);
      expect(v3.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Viewers and analysts also read the county's submission status: the same published facts.
    const viewer = tokens[1]?.[1] as string;
    const status = await api.gql(`{ submissionStatus(countyId: "${ids.countyId}", year: 2022) { state report ${selection} } }`, {}, viewer);
    expect(status.errors).toBeUndefined();
    for (const s of secrets) expect(JSON.stringify(status).includes(s), `viewer's submissionStatus shows ${s}`).toBe(false);
  });

  it('the unit’s clerk and the county’s admin see every version, who submitted and who decided', async () => {
    for (const token of [clerk, admin]) {
      const r = await api.gql<{ report: { versionCount: number; version: { version: number; submittedBy: string }; versions: { submittedBy: string }[] } }>(
        `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2022) { versionCount version { version submittedBy findings { decidedBy } } versions { submittedBy } } }`,
        {},
        token,
      );
      expect(r.data?.report).toMatchObject({ versionCount: 3, version: { version: 3, submittedBy: 'huaiyuan' } });
      expect(r.data?.report.versions).toHaveLength(3);
    }
  });
});
