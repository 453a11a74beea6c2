import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { REAL_REPORT } from '../modules/demo/demo.service.js';
import { DEMO_COUNTY } from '../modules/demo/demo-county.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ seedDemo: true });
});
afterAll(() => api?.close());

describe('the demo county', () => {
  it('桐柏县 has its 16 township-level units, departments and its government, with 程湾乡 → 程湾镇', async () => {
    const r = await api.gql<{
      jurisdiction: {
        id: string;
        name: string;
        children: { name: string; kind: string; validFrom: number | null; validTo: number | null; predecessor: { name: string } | null }[];
      };
    }>('{ jurisdiction(code: "411330") { id name children { name kind validFrom validTo predecessor { name } } } }');
    const kids = r.data?.jurisdiction.children ?? [];
    const townships = kids.filter((k) => (k.kind === 'town' || k.kind === 'township') && k.validTo === null);
    expect(townships.map((k) => k.name).sort()).toEqual([...DEMO_COUNTY.towns].sort());
    expect(townships).toHaveLength(16);
    for (const name of ['城关镇', '淮源镇', '月河镇', '程湾镇', '新集乡', '城郊乡', '回龙乡']) expect(townships.map((k) => k.name)).toContain(name);
    expect(kids.find((k) => k.name === '程湾镇')).toMatchObject({ validFrom: 2013, predecessor: { name: '程湾乡' } });
    expect(kids.filter((k) => k.kind === 'department').length).toBeGreaterThanOrEqual(3);
    expect(kids.some((k) => k.kind === 'government')).toBe(true);
  });

  it('seven years of reports; 淮源镇 2023 is the real one, the rest marked synthetic', async () => {
    const county = (await api.gql<{ jurisdiction: { id: string } }>('{ jurisdiction(code: "411330") { id } }')).data?.jurisdiction.id;
    const all = await api.gql<{ reports: { totalCount: number } }>(`{ reports(under: "${county}") { totalCount } }`);
    expect(all.data?.reports.totalCount).toBeGreaterThan(120);
    for (const year of [2019, 2025]) {
      const y = await api.gql<{ reports: { totalCount: number } }>(`{ reports(under: "${county}", year: ${year}) { totalCount } }`);
      expect(y.data?.reports.totalCount).toBeGreaterThan(10);
    }
    const units = await api.gql<{ jurisdictions: { edges: { node: { id: string } }[] } }>('{ jurisdictions(name: "淮源镇") { edges { node { id } } } }');
    const id = units.data?.jurisdictions.edges[0]?.node.id;
    const real = await api.gql<{ report: { version: { synthetic: boolean; fileName: string; id: string } } }>(
      `{ report(jurisdictionId: "${id}", year: 2023) { version { synthetic fileName id } } }`,
    );
    expect(real.data?.report.version).toMatchObject({ synthetic: false, fileName: 'huaiyuan-town-2023.txt' });
    const bytes = new Uint8Array(await (await fetch(`${api.url}/api/versions/${real.data?.report.version.id}/file`)).arrayBuffer());
    expect(bytes).toEqual(new Uint8Array(readFileSync(REAL_REPORT)));
    const other = await api.gql<{ report: { version: { synthetic: boolean; data: { text: { other: string } } } } }>(
      `{ report(jurisdictionId: "${id}", year: 2022) { version { synthetic data } } }`,
    );
    expect(other.data?.report.version.synthetic).toBe(true);
    expect(other.data?.report.version.data.text.other).toContain('演示用合成数据');
  });

  it('some reports are late, missing, returned, or break a rule', async () => {
    const token = await api.login('admin', 'gongkai-admin');
    const county = (await api.gql<{ jurisdiction: { id: string } }>('{ jurisdiction(code: "411330") { id } }')).data?.jurisdiction.id;
    const s = await api.gql<{
      submissionStatus: { unit: { name: string }; state: string; onTime: boolean | null; report: { version: { findings: { severity: string }[] } } | null }[];
    }>(`{ submissionStatus(countyId: "${county}", year: 2025) { unit { name } state onTime report { version { findings { severity } } } } }`, {}, token);
    const rows = s.data?.submissionStatus ?? [];
    const states = new Set(rows.map((r) => r.state));
    for (const st of ['missing', 'submitted', 'returned', 'accepted', 'published']) expect(states).toContain(st);
    expect(rows.some((r) => r.onTime === false)).toBe(true);
    expect(rows.some((r) => r.report?.version.findings.some((f) => f.severity === 'error'))).toBe(true);
    for (const [u, p] of [
      ['admin', 'gongkai-admin'],
      ['huaiyuan', 'gongkai-clerk'],
      ['viewer', 'gongkai-viewer'],
      ['analyst', 'gongkai-analyst'],
    ])
      expect(await api.login(u as string, p as string)).toMatch(/^v2\./);
  });
});
