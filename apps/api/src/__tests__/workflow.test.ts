import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
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

type Sub = {
  submitReport: {
    created: boolean;
    report: {
      id: string;
      versionCount: number;
      version: { id: string; version: number; status: string; findings: { id: string; rule: string; severity: string }[] };
    };
  };
};

describe('submit → return → resubmit → accept → publish', () => {
  it('walks a report through review, with the public seeing only published numbers', async () => {
    const v1 = reportFile('淮源镇人民政府', 2023, 1);
    const s1 = await api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'report.html', contentBase64: v1.base64 } }, clerk);
    expect(s1.errors).toBeUndefined();
    expect(s1.data?.submitReport).toMatchObject({ created: true, report: { versionCount: 1, version: { version: 1, status: 'submitted' } } });
    const firstVersion = s1.data?.submitReport.report.version.id as string;

    const hidden = await api.gql(`{ report(jurisdictionId: "${ids.huaiyuan}", year: 2023) { id } }`);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const ret = await api.gql(`mutation { returnReport(versionId: "${firstVersion}", reason: "表三总计有误") { status returnReason } }`, {}, admin);
    expect(ret.data).toEqual({ returnReport: { status: 'returned', returnReason: '表三总计有误' } });

    const v2 = reportFile('淮源镇人民政府', 2023, 2);
    const s2 = await api.gql<Sub>(
      SUBMIT,
      { input: { jurisdictionId: String(ids.huaiyuan), year: 2023, fileName: 'report-v2.html', contentBase64: v2.base64 } },
      clerk,
    );
    expect(s2.data?.submitReport).toMatchObject({ created: true, report: { versionCount: 2, version: { version: 2, status: 'submitted' } } });
    const second = s2.data?.submitReport.report.version.id as string;

    const stale = await api.gql(`mutation { acceptReport(versionId: "${firstVersion}") { status } }`, {}, admin);
    expect(stale.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    const early = await api.gql(`mutation { publishReport(versionId: "${second}") { status } }`, {}, admin);
    expect(early.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');

    expect((await api.gql(`mutation { acceptReport(versionId: "${second}") { status } }`, {}, admin)).data).toEqual({ acceptReport: { status: 'accepted' } });
    expect((await api.gql(`mutation { publishReport(versionId: "${second}") { status } }`, {}, admin)).data).toEqual({
      publishReport: { status: 'published' },
    });

    const pub = await api.gql<{
      report: {
        versionCount: number;
        version: { version: number; figures: { key: string; value: number; source: { raw: string } }[] };
        versions: { version: number }[];
      };
    }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2023) { versionCount version { version figures(keys: ["applications.newReceived.total"]) { key value source } } versions { version } } }`,
    );
    const want = (v2.report.applications as { newReceived: { total: number } }).newReceived.total;
    expect(pub.data?.report.version.version).toBe(2);
    expect(pub.data?.report.version.figures[0]).toMatchObject({ key: 'applications.newReceived.total', value: want, source: { raw: String(want) } });
    expect(pub.data?.report.versions).toEqual([{ version: 2 }]);

    const trail = await api.gql<{ auditTrail: { totalCount: number; edges: { node: { action: string; actor: string } }[] } }>(
      `{ auditTrail(reportId: "${s1.data?.submitReport.report.id}") { totalCount edges { node { action actor } } } }`,
      {},
      admin,
    );
    expect(trail.data?.auditTrail.edges.map((e) => e.node.action)).toEqual([
      'report.publish',
      'report.accept',
      'report.submit',
      'report.return',
      'report.submit',
    ]);
    expect(trail.data?.auditTrail.edges.map((e) => e.node.actor)).toEqual(['admin', 'admin', 'huaiyuan', 'admin', 'huaiyuan']);

    const file = await fetch(`${api.url}/api/versions/${second}/file`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(v2.bytes);
    expect((await fetch(`${api.url}/api/versions/${firstVersion}/file`)).status).toBe(404);
  });

  it('the same file twice makes no new version', async () => {
    const f = reportFile('月河镇人民政府', 2022, 9);
    const yuehe = await api.login('yuehe', 'pw-yuehe');
    const a = await api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.yuehe), fileName: 'a.html', contentBase64: f.base64 } }, yuehe);
    const b = await api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.yuehe), fileName: 'renamed.html', contentBase64: f.base64 } }, yuehe);
    expect(a.data?.submitReport.created).toBe(true);
    expect(b.data?.submitReport).toMatchObject({ created: false, report: { versionCount: 1, version: { id: a.data?.submitReport.report.version.id } } });
  });

  it('findings are stored and decided with a reason; an unreviewed previous year is not compared with', async () => {
    const y2024 = reportFile('月河镇人民政府', 2024, 30, (r) => {
      const a = r.applications as Record<string, Record<string, number>>;
      (a.processedTotal as Record<string, number>).total += 3;
    });
    const yuehe = await api.login('yuehe', 'pw-yuehe');
    const s = await api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.yuehe), fileName: '2024.html', contentBase64: y2024.base64 } }, yuehe);
    const findings = s.data?.submitReport.report.version.findings ?? [];
    const rowTotal = findings.find((f) => f.rule === 'applications.rowTotal');
    expect(rowTotal?.severity).toBe('error');
    const noReason = await api.gql(`mutation { decideFinding(findingId: "${rowTotal?.id}", decision: dismissed) { decision } }`, {}, admin);
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const ok = await api.gql(
      `mutation { decideFinding(findingId: "${rowTotal?.id}", decision: confirmed, reason: "已核实") { decision decisionReason decidedBy } }`,
      {},
      admin,
    );
    expect(ok.data).toEqual({ decideFinding: { decision: 'confirmed', decisionReason: '已核实', decidedBy: 'admin' } });

    // 2023 arrives after 2024: until 2023 is published, 2024 is not compared with it
    // (cross-year.test.ts follows the publication).
    const y2023 = reportFile('月河镇人民政府', 2023, 31);
    await api.gql<Sub>(SUBMIT, { input: { jurisdictionId: String(ids.yuehe), fileName: '2023.html', contentBase64: y2023.base64 } }, yuehe);
    const after = await api.gql<{ report: { version: { findings: { rule: string }[] } } }>(
      `{ report(jurisdictionId: "${ids.yuehe}", year: 2024) { version { findings { rule } } } }`,
      {},
      admin,
    );
    expect(after.data?.report.version.findings.some((f) => f.rule === 'carryOver.matchesPreviousYear')).toBe(false);
  });

  it('submission status of every unit of the county, with deadlines', async () => {
    const r = await api.gql<{ submissionStatus: { unit: { name: string }; state: string; deadline: string; onTime: boolean | null }[] }>(
      `{ submissionStatus(countyId: "${ids.countyId}", year: 2023) { unit { name } state deadline onTime } }`,
      {},
      admin,
    );
    expect(r.data?.submissionStatus).toEqual([
      { unit: { name: '月河镇' }, state: 'submitted', deadline: '2024-01-31', onTime: false },
      { unit: { name: '淮源镇' }, state: 'published', deadline: '2024-01-31', onTime: false },
    ]);
  });

  it('the upload endpoint takes the bytes as the body', async () => {
    const f = reportFile('淮源镇人民政府', 2021, 77);
    const res = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=2021.html`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'text/html' },
      body: f.bytes,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: true, version: 1, year: 2021 });
  });

  it('lists reports by scope, year and status', async () => {
    const r = await api.gql<{ reports: { totalCount: number; edges: { node: { year: number; unit: { name: string }; version: { status: string } } }[] } }>(
      `{ reports(under: "${ids.countyId}", status: published) { totalCount edges { node { year unit { name } version { status } } } } }`,
    );
    expect(r.data?.reports.totalCount).toBe(1);
    expect(r.data?.reports.edges[0]?.node).toEqual({ year: 2023, unit: { name: '淮源镇' }, version: { status: 'published' } });
    const mine = await api.gql<{ reports: { totalCount: number } }>(`{ reports(under: "${ids.countyId}") { totalCount } }`, {}, admin);
    expect(mine.data?.reports.totalCount).toBe(5);
  });
});
