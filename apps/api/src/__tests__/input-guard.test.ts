// Issue 10, item 10: NUL characters, deep JSON, limits' HTTP status, the 413 message, strict
// numbers in URLs and bidi controls in names — each used to end as INTERNAL or be accepted.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { jsonTooDeep } from '../common/input-guard.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let clerk: string;
let versionId: string;
let findingId: string;

const MB = 1024 * 1024;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty({ maxUploadBytes: 1 * MB }));
  [admin, clerk] = await loginAs(api, 'admin', 'huaiyuan');
  // A version with a finding, so returnReport and decideFinding reach their reason arguments.
  const s = await api.gql<{ submitReport: { report: { version: { id: string; findings: { id: string }[] } } } }>(
    SUBMIT,
    {
      input: {
        jurisdictionId: String(ids.huaiyuan),
        fileName: 'r.html',
        contentBase64: reportFile('淮源镇人民政府', 2023, 2023, (r) => {
          (r.applications.newReceived as Record<string, number>).total += 1;
        }).base64,
      },
    },
    clerk,
  );
  versionId = s.data?.submitReport.report.version.id as string;
  findingId = s.data?.submitReport.report.version.findings[0]?.id as string;
  expect(versionId && findingId, JSON.stringify(s.errors)).toBeTruthy();
});
afterAll(() => api?.close());

type Body = { code?: string; message?: string; data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };

async function post(body: string, token: string | null = null): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const gql = (query: string, variables: Record<string, unknown>, token: string | null = null) => post(JSON.stringify({ query, variables }), token);

/** Row counts of every table that a request could write to. */
async function counts(): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: api.databaseUrl });
  await c.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of ['jurisdiction', 'report', 'report_version', 'finding', 'app_user', 'api_token', 'unit_population'])
      out[t] = Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    // Refusals are audited on purpose (who tried what, and why); nothing else may be written.
    out.audit_log = Number((await c.query(`SELECT count(*) AS n FROM audit_log WHERE action NOT LIKE '%.refused'`)).rows[0].n);
    const v = await c.query('SELECT status, "returnReason" FROM report_version WHERE id = $1', [versionId]);
    out[`version ${v.rows[0].status} ${v.rows[0].returnReason}`] = 1;
    return out;
  } finally {
    await c.end();
  }
}

const NUL = 'a\u0000b';
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

describe('a NUL character in any string argument is BAD_INPUT (HTTP 400), and nothing is stored', () => {
  const cases: [string, () => [string, Record<string, unknown>, string | null]][] = [
    [
      'submitReport fileName',
      () => [
        SUBMIT,
        { input: { jurisdictionId: String(ids.huaiyuan), fileName: `r${NUL}.html`, contentBase64: reportFile('淮源镇人民政府', 2022).base64 } },
        clerk,
      ],
    ],
    [
      'validateReportFile fileName',
      () => ['mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { year } }', { i: { fileName: NUL, contentBase64: b64('x') } }, clerk],
    ],
    ['login username', () => ['mutation($u: String!) { login(username: $u, password: "x") { token } }', { u: NUL }, null]],
    ['login password', () => ['mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: NUL }, null]],
    [
      'createJurisdiction name',
      () => [`mutation($n: String!) { createJurisdiction(input: { name: $n, kind: town, parentId: "${ids.countyId}" }) { id } }`, { n: NUL }, admin],
    ],
    [
      'importJurisdictions csv',
      () => ['mutation($c: String!) { importJurisdictions(csv: $c) { created } }', { c: `name,kind,parent\n甲${NUL},department,桐柏县\n` }, admin],
    ],
    ['importPopulation csv', () => ['mutation($c: String!) { importPopulation(csv: $c) }', { c: `unit,year,population\n淮源镇${NUL},2023,100\n` }, admin]],
    ['returnReport reason', () => [`mutation($r: String!) { returnReport(versionId: "${versionId}", reason: $r) { status } }`, { r: NUL }, admin]],
    [
      'decideFinding reason',
      () => [`mutation($r: String) { decideFinding(findingId: "${findingId}", decision: dismissed, reason: $r) { decision } }`, { r: NUL }, admin],
    ],
    ['createApiToken name', () => ['mutation($n: String!) { createApiToken(name: $n) { token } }', { n: NUL }, admin]],
    ['jurisdictions name search', () => ['query($n: String) { jurisdictions(name: $n) { totalCount } }', { n: NUL }, null]],
    ['jurisdiction code', () => ['query($c: String) { jurisdiction(code: $c) { id } }', { c: NUL }, null]],
    ['metrics metric name', () => ['query($m: String!) { metrics(metrics: [$m]) { totalCount } }', { m: NUL }, null]],
    ['a cursor', () => ['query($a: String) { jurisdictions(after: $a) { totalCount } }', { a: NUL }, null]],
    ['a string literal in the query itself', () => ['{ jurisdictions(name: "a\\u0000b") { totalCount } }', {}, null]],
    ['a variable-width escape in a literal', () => ['{ jurisdictions(name: "a\\u{0}b") { totalCount } }', {}, null]],
    ['a raw NUL in a block string literal', () => [`{ jurisdictions(name: """a${NUL}b""") { totalCount } }`, {}, null]],
    ['an unused variable', () => ['{ __typename }', { x: { y: [NUL] } }, null]],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const before = await counts();
      const [query, variables, token] = make();
      const r = await gql(query, variables, token);
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(r.body)).toBe('BAD_INPUT');
      expect(r.body.errors?.[0]?.message).toContain('NUL');
      expect(r.status).toBe(400);
      expect(await counts()).toEqual(before);
    });
  }

  it('a NUL in report text is UNREADABLE_REPORT (reason input.nul) on GraphQL and REST; a clean file still goes in', async () => {
    const html = Buffer.from(reportFile('淮源镇人民政府', 2021).bytes).toString('utf8');
    const dirty = Buffer.from(html.replace('</p>', '\u0000</p>'));
    expect(dirty.includes(0)).toBe(true);
    const before = await counts();
    for (const query of [SUBMIT, 'mutation($input: ValidateReportInput!) { validateReportFile(input: $input) { year } }']) {
      const input =
        query === SUBMIT
          ? { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', contentBase64: b64(dirty) }
          : { fileName: 'r.html', contentBase64: b64(dirty) };
      const r = await gql(query, { input }, clerk);
      expect(r.body.errors?.[0]?.extensions, JSON.stringify(r.body)).toMatchObject({ code: 'UNREADABLE_REPORT', reason: 'input.nul' });
    }
    const rest = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=r.html`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: dirty,
    });
    expect([rest.status, ((await rest.json()) as Body).code]).toEqual([422, 'UNREADABLE_REPORT']);
    expect(await counts()).toEqual(before);
    const clean = await gql(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', contentBase64: b64(html) } }, clerk);
    expect(clean.body.errors, JSON.stringify(clean.body)).toBeUndefined();
  });

  it('a NUL in a REST query parameter or path is BAD_INPUT (HTTP 400)', async () => {
    const before = await counts();
    const bytes = reportFile('淮源镇人民政府', 2020).bytes;
    const up = (qs: string) => fetch(`${api.url}/api/reports?${qs}`, { method: 'POST', headers: { authorization: `Bearer ${clerk}` }, body: bytes });
    for (const res of [
      await up(`jurisdictionId=${ids.huaiyuan}&fileName=r%00.html`),
      await up(`jurisdictionId=${ids.huaiyuan}%00`),
      await fetch(`${api.url}/api/export/metrics.csv?metrics=applications.received&kinds=town%00`),
      await fetch(`${api.url}/api/export/reports.csv?under=${ids.countyId}&years=2023%00`),
      await fetch(`${api.url}/api/versions/${versionId}%00/file`, { headers: { authorization: `Bearer ${admin}` } }),
    ]) {
      expect([res.status, ((await res.json()) as Body).code]).toEqual([400, 'BAD_INPUT']);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('deeply nested JSON is refused before it is walked', () => {
  const nest = (n: number, open: string, close: string) => `${open.repeat(n)}1${close.repeat(n)}`;
  it('10,000 levels of arrays or objects in the variables: BAD_INPUT (400), and the server keeps answering', async () => {
    for (const deep of [nest(10_000, '[', ']'), nest(10_000, '{"a":', '}')]) {
      for (const body of [`{"query":"{ __typename }","variables":{"x":${deep}}}`, `{"query":"query($x: [Int]) { __typename }","variables":{"x":${deep}}}`]) {
        const r = await post(body);
        expect([r.status, r.body.errors?.[0]?.extensions?.code], JSON.stringify(r.body).slice(0, 300)).toEqual([400, 'BAD_INPUT']);
      }
    }
    const get = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(`{"x":${nest(2000, '[', ']')}}`)}`,
      {
        headers: { 'apollo-require-preflight': '1' },
      },
    );
    expect([get.status, ((await get.json()) as Body).code]).toEqual([400, 'BAD_INPUT']);
    expect((await gql('{ __typename }', { x: [[[[1]]]] })).body).toEqual({ data: { __typename: 'Query' } });
  });
  it('the scan ignores brackets inside strings and counts escapes right', () => {
    expect(jsonTooDeep(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 32)).toBe(false);
    expect(jsonTooDeep(nest(32, '[', ']'), 32)).toBe(false);
    expect(jsonTooDeep(nest(33, '[', ']'), 32)).toBe(true);
    expect(jsonTooDeep(`["\\\\",${nest(33, '[', ']')}]`, 33)).toBe(true);
  });
});

describe('limits answer with their own HTTP status and a true message', () => {
  it('TOO_COMPLEX is HTTP 400, not 500 (cost and depth)', async () => {
    const costly = await gql('{ jurisdictions(first: 100000) { totalCount } }', {});
    expect([costly.status, costly.body.errors?.[0]?.extensions?.code]).toEqual([400, 'TOO_COMPLEX']);
    const deep = await gql(`{ jurisdiction(code: "411330") { ${'children { '.repeat(14)} id ${'} '.repeat(14)} } }`, {});
    expect([deep.status, deep.body.errors?.[0]?.extensions?.code]).toEqual([400, 'TOO_COMPLEX']);
  });

  it('an upload over the limit is told the file limit (MAX_UPLOAD_MB), on GraphQL and REST', async () => {
    // 2 MB as base64 is over the GraphQL body limit (4/3 of the file limit plus 1 MB).
    const big = b64(new Uint8Array(2 * MB).fill(65));
    const g = await gql(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'big.txt', contentBase64: big } }, clerk);
    expect([g.status, g.body.errors?.[0]?.extensions?.code]).toEqual([413, 'TOO_LARGE']);
    expect(g.body.errors?.[0]?.message).toContain('1 MB');
    expect(g.body.errors?.[0]?.message).not.toMatch(/\b[2-9] MB/);
    const rest = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: new Uint8Array(1.2 * MB),
    });
    const body = (await rest.json()) as Body;
    expect([rest.status, body.code]).toEqual([413, 'TOO_LARGE']);
    expect(body.message).toContain('1 MB');
    // Under the body limit but over the file limit: the resolver says the same limit.
    const over = await gql(
      SUBMIT,
      { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'big.txt', contentBase64: b64(new Uint8Array(1.2 * MB)) } },
      clerk,
    );
    expect(over.body.errors?.[0]?.extensions?.code).toBe('TOO_LARGE');
    expect(over.body.errors?.[0]?.message).toContain('1 MB');
  });
});

describe('numbers in URLs are decimal digits only', () => {
  it('year=0x7EA (and 1e3, 2026.0, " 2026") is refused on upload and export; year=2026 is read as 2026', async () => {
    const bytes = reportFile('淮源镇人民政府', 2026).bytes;
    const up = (year: string) =>
      fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=r.html&year=${encodeURIComponent(year)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}` },
        body: bytes,
      });
    const before = await counts();
    for (const year of ['0x7EA', '2.026e3', '2026.0', ' 2026', '0b11111101010']) {
      const res = await up(year);
      expect([res.status, ((await res.json()) as Body).code], year).toEqual([422, 'WRONG_YEAR']);
    }
    expect(await counts()).toEqual(before);
    for (const path of [
      'metrics.csv?metrics=applications.received&years=0x7EA',
      `reports.csv?under=${ids.countyId}&years=2023,0x7EA`,
      'metrics.xlsx?metrics=applications.received&years=1e3',
    ]) {
      const res = await fetch(`${api.url}/api/export/${path}`);
      expect([res.status, ((await res.json()) as Body).code], path).toEqual([400, 'BAD_INPUT']);
    }
    const ok = await up('2026');
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { year: number }).year).toBe(2026);
  });

  it('a parameter given twice is BAD_INPUT, not a crash', async () => {
    const res = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=a.html&fileName=b.html`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: reportFile('淮源镇人民政府', 2019).bytes,
    });
    expect([res.status, ((await res.json()) as Body).code]).toEqual([400, 'BAD_INPUT']);
  });

  it('configuration numbers too: MAX_UPLOAD_MB=0x14 stops the start', () => {
    expect(() => loadConfig({ GONGKAI_DATA_DIR: '/tmp/gongkai-config-test', MAX_UPLOAD_MB: '0x14' })).toThrow(ConfigError);
    expect(() => loadConfig({ GONGKAI_DATA_DIR: '/tmp/gongkai-config-test', PORT: '3e3' })).toThrow(/PORT/);
  });
});

describe('bidi controls (RTL override and friends)', () => {
  const BIDI = ['\u202E', '\u202A', '\u2066', '\u2069', '\u200F', '\u200E'];
  it('are refused in unit names, created one by one or imported', async () => {
    const before = await counts();
    for (const c of BIDI) {
      const r = await gql(
        `mutation($n: String!) { createJurisdiction(input: { name: $n, kind: town, parentId: "${ids.countyId}" }) { id } }`,
        { n: `新${c}镇` },
        admin,
      );
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(r.body)).toBe('BAD_INPUT');
    }
    const imp = await gql(
      'mutation($c: String!) { importJurisdictions(csv: $c) { created } }',
      { c: `name,kind,parent\n局\u202Egpj.exe,department,桐柏县\n` },
      admin,
    );
    expect(imp.body.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('are stripped from file names (GraphQL and REST)', async () => {
    const g = await api.gql<{ submitReport: { report: { version: { fileName: string } } } }>(
      SUBMIT.replace('version { id', 'version { fileName id'),
      { input: { jurisdictionId: String(ids.yuehe), fileName: '\u202Elmth.exe\u2066.html', contentBase64: reportFile('月河镇人民政府', 2023).base64 } },
      admin,
    );
    expect(g.data?.submitReport.report.version.fileName, JSON.stringify(g.errors)).toBe('lmth.exe.html');
    const res = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.yuehe}&fileName=${encodeURIComponent('报告\u200F\u202Dfdp.html')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: reportFile('月河镇人民政府', 2022).bytes,
    });
    expect(res.status).toBe(201);
    const v = await api.gql<{ report: { version: { fileName: string } } }>(
      `{ report(jurisdictionId: "${ids.yuehe}", year: 2022) { version { fileName } } }`,
      {},
      admin,
    );
    expect(v.data?.report.version.fileName, JSON.stringify(v.errors)).toBe('报告fdp.html');
  });
});
