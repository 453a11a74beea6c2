import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { snapshotTables } from '../../../../test/support/snapshot.js';
import { reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let clerk: string;
let versionId: string;

const snapshot = () => snapshotTables(api.databaseUrl);

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty({ maxUploadBytes: 512 * 1024 }));
  [admin, clerk] = await loginAs(api, 'admin', 'huaiyuan');
  const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
    SUBMIT,
    { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'ok.html', contentBase64: reportFile('淮源镇人民政府', 2023).base64 } },
    clerk,
  );
  versionId = s.data?.submitReport.report.version.id as string;
});
afterAll(() => api?.close());

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const submit = (input: Record<string, unknown>, token = clerk) =>
  api.gql(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', ...input } }, token);

/** Runs a call, expects the coded error, and that nothing in the database changed. */
async function refused(expectCode: string, call: () => Promise<{ errors?: { message: string; extensions?: { code?: string } }[] }>) {
  const before = await snapshot();
  const r = await call();
  expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe(expectCode);
  expect(r.errors?.[0]?.message.length).toBeGreaterThan(3);
  expect(r.errors?.[0]?.message).not.toMatch(/\n\s+at /);
  expect(await snapshot()).toEqual(before);
}

describe('submitReport refuses bad input with a code and stores nothing', () => {
  it('a year that contradicts the title', () => refused('WRONG_YEAR', () => submit({ year: 2021, contentBase64: reportFile('淮源镇人民政府', 2023).base64 })));
  it('a year out of range', () => refused('WRONG_YEAR', () => submit({ year: 1899, contentBase64: reportFile('淮源镇人民政府', 2023).base64 })));
  it('an unknown unit', () =>
    refused('WRONG_UNIT', () => submit({ jurisdictionId: '999999', contentBase64: reportFile('淮源镇人民政府', 2023).base64 }, admin)));
  it('another township’s report', () => refused('WRONG_UNIT', () => submit({ contentBase64: reportFile('月河镇人民政府', 2023).base64 })));
  it('a refused submission is in the audit log: who, which unit, why', async () => {
    await refused('WRONG_YEAR', () => submit({ year: 2020, contentBase64: reportFile('淮源镇人民政府', 2023).base64 }));
    const c = new pg.Client({ connectionString: api.databaseUrl });
    await c.connect();
    try {
      const { rows } = await c.query(
        `SELECT actor, action, entity, "entityId", details FROM audit_log WHERE action = 'report.submit.refused' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({
        actor: 'huaiyuan',
        entity: 'jurisdiction',
        entityId: String(ids.huaiyuan),
        details: { code: 'WRONG_YEAR', fileName: 'r.html' },
      });
      expect(rows[0].details.reason).toMatch(/2023/);
    } finally {
      await c.end();
    }
  });
  it('an id that is not an id', () => refused('BAD_INPUT', () => submit({ jurisdictionId: '1; DROP TABLE report; --', contentBase64: b64('x') })));
  it('an unreadable file', () => refused('UNREADABLE_REPORT', () => submit({ contentBase64: b64(new Uint8Array(4096).map((_, i) => (i * 97) % 256)) })));
  it('an empty file', () => refused('UNREADABLE_REPORT', () => submit({ contentBase64: '' })));
  it('a page that is not a report', () => refused('UNREADABLE_REPORT', () => submit({ contentBase64: b64('<html><body><p>欢迎</p></body></html>') })));
  it('a broken PDF', () => refused('UNREADABLE_REPORT', () => submit({ fileName: 'r.pdf', contentBase64: b64('%PDF-1.7 garbage') })));
  it('an oversized upload', () => refused('TOO_LARGE', () => submit({ contentBase64: b64(new Uint8Array(600 * 1024).fill(65)) })));
  it('base64 with junk in it', () => refused('BAD_INPUT', () => submit({ contentBase64: '@@@not-base64@@@' })));
  it('hostile strings in the file name and title', async () => {
    // (A NUL is refused before anything reads the request: input-guard.test.ts.)
    const hostile = `<script>alert(1)</script>'; DROP TABLE report; --\u0007${'长'.repeat(5000)}`;
    await refused('UNREADABLE_REPORT', () => submit({ fileName: hostile, contentBase64: b64(hostile) }));
  });
  it('a report file is stored under a cleaned name', async () => {
    const r = await api.gql<{ submitReport: { report: { version: { fileName: string } } } }>(
      SUBMIT.replace('version { id version status', 'version { fileName id version status'),
      {
        input: {
          jurisdictionId: String(ids.huaiyuan),
          fileName: '../../etc/<passwd>\u0007\u202E.html',
          contentBase64: reportFile('淮源镇人民政府', 2022).base64,
        },
      },
      clerk,
    );
    expect(r.data?.submitReport.report.version.fileName).toBe('passwd.html');
  });
});

describe('every other mutation', () => {
  it('validateReportFile: unreadable and oversized', async () => {
    const dry = (contentBase64: string) => () =>
      api.gql('mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { year } }', { i: { fileName: 'x.txt', contentBase64 } }, clerk);
    await refused('UNREADABLE_REPORT', dry(b64('hello')));
    await refused('TOO_LARGE', dry(b64(new Uint8Array(700 * 1024))));
    const ok = await api.gql<{ validateReportFile: { year: number; organ: string } }>(
      'mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { year organ } }',
      { i: { fileName: 'r.html', contentBase64: reportFile('淮源镇人民政府', 2021).base64 } },
      clerk,
    );
    expect(ok.data?.validateReportFile).toEqual({ year: 2021, organ: '淮源镇人民政府' });
  });
  it('returnReport: no reason, a huge reason, a missing version', async () => {
    await refused('BAD_INPUT', () => api.gql(`mutation { returnReport(versionId: "${versionId}", reason: "   ") { status } }`, {}, admin));
    await refused('BAD_INPUT', () =>
      api.gql(`mutation($r: String!) { returnReport(versionId: "${versionId}", reason: $r) { status } }`, { r: 'x'.repeat(5000) }, admin),
    );
    await refused('NOT_FOUND', () => api.gql('mutation { returnReport(versionId: "987654", reason: "x") { status } }', {}, admin));
  });
  it('acceptReport / publishReport: malformed and missing ids, wrong state', async () => {
    await refused('BAD_INPUT', () => api.gql('mutation { acceptReport(versionId: "-1") { status } }', {}, admin));
    await refused('NOT_FOUND', () => api.gql('mutation { acceptReport(versionId: "987654") { status } }', {}, admin));
    await refused('INVALID_TRANSITION', () => api.gql(`mutation { publishReport(versionId: "${versionId}") { status } }`, {}, admin));
  });
  it('decideFinding: unknown decision and missing finding', async () => {
    await refused('BAD_INPUT', () => api.gql('mutation { decideFinding(findingId: "1", decision: maybe) { decision } }', {}, admin));
    await refused('NOT_FOUND', () => api.gql('mutation { decideFinding(findingId: "987654", decision: confirmed) { decision } }', {}, admin));
  });
  it('createJurisdiction: empty, hostile and malformed fields', async () => {
    const make = (input: string) => () => api.gql(`mutation { createJurisdiction(input: { ${input} }) { id } }`, {}, admin);
    await refused('BAD_INPUT', make(`name: "  ", kind: town, parentId: "${ids.countyId}"`));
    await refused('BAD_INPUT', make(`name: "<img src=x onerror=alert(1)>", kind: town, parentId: "${ids.countyId}"`));
    await refused('BAD_INPUT', make(`name: "${'长'.repeat(200)}", kind: town, parentId: "${ids.countyId}"`));
    await refused('BAD_INPUT', make(`name: "新镇", kind: planet, parentId: "${ids.countyId}"`));
    await refused('BAD_INPUT', make(`name: "新镇", kind: town, parentId: "${ids.countyId}", code: "12ab"`));
    await refused('BAD_INPUT', make(`name: "新镇", kind: town, parentId: "${ids.countyId}", validFrom: 2020, validTo: 2010`));
    await refused('NOT_FOUND', make('name: "新镇", kind: town, parentId: "987654"'));
    await refused('CONFLICT', make(`name: "淮源镇", kind: town, parentId: "${ids.countyId}"`));
  });
  it('importJurisdictions: one bad row rolls back the whole file', async () => {
    const imp = (csv: string) => () => api.gql('mutation($c: String!) { importJurisdictions(csv: $c) { created } }', { c: csv }, admin);
    await refused('BAD_INPUT', imp('just,some,words'));
    await refused('BAD_INPUT', imp('name,kind,parent\n甲局,department,桐柏县\n乙局,department,不存在的县\n'));
    await refused('BAD_INPUT', imp('name,kind,parent,valid_from\n丙局,department,桐柏县,"20x1"\n'));
    await refused('TOO_LARGE', imp(`name,kind,parent\n${'丁局,department,桐柏县\n'.repeat(300_000)}`));
    const ok = await api.gql<{ importJurisdictions: { created: number } }>(
      'mutation($c: String!) { importJurisdictions(csv: $c) { created } }',
      { c: 'name,kind,parent,code\n"戊局, 新",department,桐柏县,411330999\n' },
      admin,
    );
    expect(ok.data?.importJurisdictions.created).toBe(1);
  });
  it('login and createApiToken', async () => {
    await refused('BAD_INPUT', () => api.gql('mutation($u: String!) { login(username: $u, password: "x") { token } }', { u: 'u'.repeat(1000) }));
    await refused('BAD_INPUT', () => api.gql('mutation { createApiToken(name: "x", days: 9999) { token } }', {}, admin));
    await refused('BAD_INPUT', () => api.gql('mutation { createApiToken(name: "", days: 5) { token } }', {}, admin));
  });
});

describe('GraphQL limits and the upload endpoint', () => {
  it('too deep, too costly, page too large', async () => {
    const deep = `{ jurisdiction(code: "411330") { ${'children { '.repeat(14)} id ${'} '.repeat(14)} } }`;
    expect((await api.gql(deep)).errors?.[0]?.extensions?.code).toBe('TOO_COMPLEX');
    const costly = '{ jurisdictions(first: 100) { edges { node { children { children { children { id name } } } } } } }';
    expect((await api.gql(costly)).errors?.[0]?.extensions?.code).toBe('TOO_COMPLEX');
    expect((await api.gql('{ jurisdictions(first: 100000) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('TOO_COMPLEX');
    expect((await api.gql('{ jurisdictions(first: 1000) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect((await api.gql('{ jurisdictions(after: "garbage") { totalCount } }')).errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });
  it('REST upload: empty body, too large, bad id — JSON errors with a status', async () => {
    const post = (qs: string, body: Uint8Array | undefined) =>
      fetch(`${api.url}/api/reports?${qs}`, { method: 'POST', headers: { authorization: `Bearer ${clerk}` }, body });
    const empty = await post(`jurisdictionId=${ids.huaiyuan}`, undefined);
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([400, 'BAD_INPUT']);
    const big = await post(`jurisdictionId=${ids.huaiyuan}`, new Uint8Array(600 * 1024));
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([413, 'TOO_LARGE']);
    const bad = await post('jurisdictionId=abc', new Uint8Array([1, 2, 3]));
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'BAD_INPUT']);
  });
});
