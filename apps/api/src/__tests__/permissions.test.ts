import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
const tokens: Record<string, string | null> = { anonymous: null };
const ROLES = ['anonymous', 'viewer', 'analyst', 'huaiyuan', 'yuehe', 'otheradmin', 'admin'] as const;
type Who = (typeof ROLES)[number];
let versionId: string;
let findingId: string;
let reportId: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  for (const who of ROLES) if (who !== 'anonymous') tokens[who] = await api.login(who, `pw-${who}`);
  const f = reportFile('淮源镇人民政府', 2023, 5, (r) => {
    ((r.applications as Record<string, Record<string, number>>).granted as Record<string, number>).total += 1;
  });
  const s = await api.gql<{ submitReport: { report: { id: string; version: { id: string; findings: { id: string }[] } } } }>(
    SUBMIT,
    { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', contentBase64: f.base64 } },
    tokens.huaiyuan,
  );
  versionId = s.data?.submitReport.report.version.id as string;
  findingId = s.data?.submitReport.report.version.findings[0]?.id as string;
  reportId = s.data?.submitReport.report.id as string;
});
afterAll(() => api?.close());

const code = async (who: Who, query: string, variables: Record<string, unknown> = {}) => {
  const r = await api.gql(query, variables, tokens[who]);
  return r.errors ? (r.errors[0]?.extensions?.code ?? 'ERROR') : 'OK';
};

describe('who may do what', () => {
  it('submit: only the unit’s clerk and its county’s admin', async () => {
    const expected: Record<Who, string> = {
      anonymous: 'UNAUTHENTICATED',
      viewer: 'FORBIDDEN',
      analyst: 'FORBIDDEN',
      huaiyuan: 'OK',
      yuehe: 'FORBIDDEN',
      otheradmin: 'FORBIDDEN',
      admin: 'OK',
    };
    for (const who of ROLES) {
      const f = reportFile('淮源镇人民政府', 2020, 100 + ROLES.indexOf(who));
      expect([who, await code(who, SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'x.html', contentBase64: f.base64 } })]).toEqual([
        who,
        expected[who],
      ]);
    }
  });

  it('dry-run validation: anyone logged in', async () => {
    const f = reportFile('淮源镇人民政府', 2019, 3);
    for (const who of ROLES) {
      const r = await code(who, 'mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { year } }', {
        i: { fileName: 'r.html', contentBase64: f.base64 },
      });
      expect([who, r]).toEqual([who, who === 'anonymous' ? 'UNAUTHENTICATED' : 'OK']);
    }
  });

  it('a clerk of 淮源镇 cannot submit for 月河镇', async () => {
    const f = reportFile('月河镇人民政府', 2023, 7);
    expect(await code('huaiyuan', SUBMIT, { input: { jurisdictionId: String(ids.yuehe), fileName: 'x.html', contentBase64: f.base64 } })).toBe('FORBIDDEN');
  });

  it('return, accept, publish and decide: the county admin only', async () => {
    const mutations = [
      `mutation { decideFinding(findingId: "${findingId}", decision: confirmed) { decision } }`,
      `mutation { returnReport(versionId: "${versionId}", reason: "请核对") { status } }`,
    ];
    for (const m of mutations) {
      for (const who of ROLES.filter((w) => w !== 'admin'))
        expect([who, m.slice(11, 25), await code(who, m)]).toEqual([who, m.slice(11, 25), who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
      expect(await code('admin', m)).toBe('OK');
    }
    // A returned version can be neither accepted nor published, by anyone.
    for (const who of ROLES) {
      const want = who === 'anonymous' ? 'UNAUTHENTICATED' : who === 'admin' ? 'INVALID_TRANSITION' : 'FORBIDDEN';
      expect(await code(who, `mutation { acceptReport(versionId: "${versionId}") { status } }`)).toBe(want);
      expect(await code(who, `mutation { publishReport(versionId: "${versionId}") { status } }`)).toBe(want);
    }
  });

  it('create and import units: an admin, within their county', async () => {
    for (const who of ROLES) {
      const want = who === 'anonymous' ? 'UNAUTHENTICATED' : who === 'admin' ? 'OK' : 'FORBIDDEN';
      expect([
        who,
        await code(
          who,
          `mutation { createJurisdiction(input: { name: "测试局${ROLES.indexOf(who)}", kind: department, parentId: "${ids.countyId}" }) { id } }`,
        ),
      ]).toEqual([who, want]);
      expect([
        who,
        await code(who, `mutation($csv: String!) { importJurisdictions(csv: $csv) { created } }`, {
          csv: `name,kind,parent\n新单位${ROLES.indexOf(who)},department,桐柏县\n`,
        }),
      ]).toEqual([who, want]);
    }
    expect(await code('admin', `mutation { createJurisdiction(input: { name: "外县局", kind: department, parentId: "${ids.otherCounty}" }) { id } }`)).toBe(
      'FORBIDDEN',
    );
  });

  it('API tokens: analysts and admins', async () => {
    for (const who of ROLES) {
      const want = who === 'anonymous' ? 'UNAUTHENTICATED' : who === 'analyst' || who === 'admin' || who === 'otheradmin' ? 'OK' : 'FORBIDDEN';
      expect([who, await code(who, 'mutation { createApiToken(name: "script", days: 30) { token } }')]).toEqual([who, want]);
    }
    const r = await api.gql<{ createApiToken: { token: string } }>('mutation { createApiToken(name: "nightly") { token } }', {}, tokens.analyst);
    const me = await api.gql<{ me: { username: string; role: string } }>('{ me { username role } }', {}, r.data?.createApiToken.token);
    expect(me.data?.me).toEqual({ username: 'analyst', role: 'analyst' });
  });

  it('unpublished reports: seen by their clerk and county admin only', async () => {
    const q = `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2023) { version { status } } }`;
    const expected: Record<Who, string> = {
      anonymous: 'NOT_FOUND',
      viewer: 'NOT_FOUND',
      analyst: 'NOT_FOUND',
      huaiyuan: 'OK',
      yuehe: 'NOT_FOUND',
      otheradmin: 'NOT_FOUND',
      admin: 'OK',
    };
    for (const who of ROLES) expect([who, await code(who, q)]).toEqual([who, expected[who]]);
    const files: Record<Who, number> = { anonymous: 404, viewer: 404, analyst: 404, huaiyuan: 200, yuehe: 404, otheradmin: 404, admin: 200 };
    for (const who of ROLES) {
      const res = await fetch(`${api.url}/api/versions/${versionId}/file`, { headers: tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {} });
      expect([who, res.status]).toEqual([who, files[who]]);
    }
    const audit = `{ auditTrail(reportId: "${reportId}") { totalCount } }`;
    const auditWant: Record<Who, string> = {
      anonymous: 'UNAUTHENTICATED',
      viewer: 'FORBIDDEN',
      analyst: 'FORBIDDEN',
      huaiyuan: 'OK',
      yuehe: 'FORBIDDEN',
      otheradmin: 'FORBIDDEN',
      admin: 'OK',
    };
    for (const who of ROLES) expect([who, await code(who, audit)]).toEqual([who, auditWant[who]]);
  });

  it('a county’s submission status: its admin, viewers and analysts', async () => {
    const q = `{ submissionStatus(countyId: "${ids.countyId}", year: 2023) { state } }`;
    const want: Record<Who, string> = {
      anonymous: 'UNAUTHENTICATED',
      viewer: 'OK',
      analyst: 'OK',
      huaiyuan: 'FORBIDDEN',
      yuehe: 'FORBIDDEN',
      otheradmin: 'FORBIDDEN',
      admin: 'OK',
    };
    for (const who of ROLES) expect([who, await code(who, q)]).toEqual([who, want[who]]);
  });

  it('a forged, expired or malformed token is refused', async () => {
    const good = tokens.admin as string;
    const forged = `${good.slice(0, -4)}AAAA`;
    for (const t of [forged, 'v1.e30.x', 'nonsense', 'gk_unknown'])
      expect(await api.gql('{ me { username } }', {}, t).then((r) => r.errors?.[0]?.extensions?.code)).toBe('UNAUTHENTICATED');
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('login is rate limited', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await api.gql('mutation { login(username: "viewer", password: "wrong") { token } }')).errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('published data without logging in', () => {
  it('is refused when PUBLIC_READ is off', async () => {
    const closed = await startTestApi({ databaseUrl: api.databaseUrl, publicRead: false, seedDemo: false });
    try {
      const r = await closed.gql(`{ reports { totalCount } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const viewer = await closed.login('viewer', 'pw-viewer');
      expect((await closed.gql(`{ reports { totalCount } }`, {}, viewer)).errors).toBeUndefined();
    } finally {
      await closed.server.close();
    }
  });
});
