// Issue 10, finding 1: another body's report must not be filed under a township, on any path.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '@gongkai/report-render';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, traversableTempDir } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { snapshotTables } from '../../../../test/support/snapshot.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Jurisdiction } from '../modules/jurisdictions/jurisdiction.entity.js';
import { JurisdictionsService } from '../modules/jurisdictions/jurisdictions.service.js';
import { SubmissionsService } from '../modules/reports/submissions.service.js';
import { handReport, reportFile, SUBMIT } from './helpers.js';

/** 淮安市洪泽区人民政府's 2024 report (a real PDF): the body in its title is not 淮源镇. */
const HONGZE = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../../libs/report-parser/fixtures/hongze-district-2024/input.pdf')));
const HONGZE_B64 = Buffer.from(HONGZE).toString('base64');
const CLI = join(import.meta.dirname, '../../../cli/bin/gongkai.js');

let api: TestApi;
let ids: SmallCounty;
let admin: string;
let clerk: string;
/** Extra towns of 桐柏县, one per override path (the same file twice is one version). */
let towns: Record<string, number>;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  const units = api.server.app.get(JurisdictionsService);
  towns = await api.server.app.get(DataSource).transaction(async (m) => {
    const out: Record<string, number> = {};
    for (const name of ['新集乡', '毛集镇', '城关镇', '平氏镇'])
      out[name] = (await units.insertTrusted(m, { name, kind: name.endsWith('乡') ? 'township' : 'town', parentId: ids.countyId })).id;
    return out;
  });
  [admin, clerk] = await loginAs(api, 'admin', 'huaiyuan');
}, 60_000);
afterAll(() => api?.close());

type GqlResult = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** The call is refused with `code` and no table changed. */
async function refusedUnchanged<T>(code: string, call: () => Promise<T>, codeOf: (r: T) => string | undefined): Promise<T> {
  const before = await snapshotTables(api.databaseUrl);
  const r = await call();
  expect(codeOf(r), JSON.stringify(r)).toBe(code);
  expect(await snapshotTables(api.databaseUrl)).toEqual(before);
  return r;
}
const gqlCode = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

const submit = (input: Record<string, unknown>, token: string) =>
  api.gql(SUBMIT, { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'hongze-district-2024.pdf', contentBase64: HONGZE_B64, ...input } }, token);
const upload = (qs: string, token: string) =>
  fetch(`${api.url}/api/reports?${qs}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: HONGZE });

async function audit(action: string): Promise<{ actor: string; details: Record<string, unknown> }[]> {
  return api.server.app.get(DataSource).query('SELECT actor, details FROM audit_log WHERE action = $1 ORDER BY id', [action]);
}

async function bulkActor(username: string) {
  const ds = api.server.app.get(DataSource);
  const [user] = await ds.query('SELECT * FROM app_user WHERE username = $1', [username]);
  const unit = await ds.getRepository(Jurisdiction).findOneByOrFail({ id: user.jurisdictionId });
  return api.server.app.get(AuthService).toActor(user, unit);
}

function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'error' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

describe('a report naming another body is refused on every path (clerk huaiyuan, 洪泽区 2024 PDF)', () => {
  it('GraphQL submitReport: WRONG_UNIT naming the printed body, nothing stored', async () => {
    const r = await refusedUnchanged('WRONG_UNIT', () => submit({}, clerk), gqlCode);
    expect(r.errors?.[0]?.message).toContain('淮安市洪泽区人民政府');
    expect(r.errors?.[0]?.extensions).toMatchObject({ printedOrgan: '淮安市洪泽区人民政府', unit: '淮源镇' });
  });

  it('GraphQL submitReport with the year given as the dashboard sends it', () => refusedUnchanged('WRONG_UNIT', () => submit({ year: 2024 }, clerk), gqlCode));

  it('the dashboard’s preview (validateReportFile with the unit) refuses it too', async () => {
    const q = 'mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { organ } }';
    await refusedUnchanged(
      'WRONG_UNIT',
      () => api.gql(q, { i: { fileName: 'h.pdf', contentBase64: HONGZE_B64, jurisdictionId: String(ids.huaiyuan) } }, clerk),
      gqlCode,
    );
    // Without a unit it is only read: the organ is what the title says.
    const free = await api.gql<{ validateReportFile: { organ: string } }>(q, { i: { fileName: 'h.pdf', contentBase64: HONGZE_B64 } }, clerk);
    expect(free.data?.validateReportFile.organ).toBe('洪泽区人民政府');
  });

  it('REST POST /api/reports: 422 WRONG_UNIT, nothing stored', async () => {
    const res = await refusedUnchanged(
      'WRONG_UNIT',
      async () => {
        const r = await upload(`jurisdictionId=${ids.huaiyuan}&year=2024&fileName=hongze.pdf`, clerk);
        return { status: r.status, body: (await r.json()) as { code: string; message: string } };
      },
      (r) => r.body.code,
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('洪泽区');
  });

  it('bulk submission: the item fails WRONG_UNIT, nothing stored', async () => {
    const svc = api.server.app.get(SubmissionsService);
    const actor = await bulkActor('huaiyuan');
    const r = await refusedUnchanged(
      'WRONG_UNIT',
      () => svc.bulkSubmit(actor, [{ jurisdictionId: ids.huaiyuan, fileName: 'h.pdf', bytes: HONGZE }]),
      (x) => x.failed[0]?.code,
    );
    expect(r.imported).toBe(0);
  });

  it('gongkai ingest: by title (no such unit) and by a manifest naming 淮源镇, both WRONG_UNIT, nothing stored', async () => {
    const dir = traversableTempDir('gongkai-wrong-unit-');
    writeFileSync(join(dir, 'hongze.pdf'), HONGZE);
    writeFileSync(join(dir, 'manifest.csv'), 'file,unit,year\nhongze.pdf,淮源镇,2024\n');
    const byTitle = await refusedUnchanged(
      'WRONG_UNIT',
      () => cli(['ingest', join(dir, 'hongze.pdf'), '--county', '桐柏县', '--json']),
      (r) => (r.stdout.trim() ? JSON.parse(r.stdout.split('\n')[0] as string).code : undefined),
    );
    expect(byTitle.code).toBe(1);
    const byManifest = await refusedUnchanged(
      'WRONG_UNIT',
      () => cli(['ingest', join(dir, 'hongze.pdf'), '--county', '桐柏县', '--manifest', join(dir, 'manifest.csv'), '--json']),
      (r) => JSON.parse(r.stdout.split('\n')[0] as string).code,
    );
    expect(byManifest.code).toBe(1);
  });

  it('a clerk cannot override (FORBIDDEN), an admin needs a reason (BAD_INPUT); nothing stored', async () => {
    await refusedUnchanged('FORBIDDEN', () => submit({ overrideUnit: { reason: '是我们的' } }, clerk), gqlCode);
    await refusedUnchanged('BAD_INPUT', () => submit({ overrideUnit: { reason: '   ' } }, admin), gqlCode);
    const res = await upload(`jurisdictionId=${ids.huaiyuan}&overrideUnitReason=x`, clerk);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('the right body in any spelling is accepted: 桐柏县淮源镇人民政府, 淮源镇政府, full-width', async () => {
    for (const [organ, year] of [
      ['桐柏县淮源镇人民政府', 2019],
      ['淮源镇政府', 2018],
      ['河南省南阳市桐柏县淮源镇人民政府', 2017],
    ] as const) {
      const r = await api.gql<{ submitReport: { created: boolean } }>(
        SUBMIT,
        { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', contentBase64: reportFile(organ, year).base64 } },
        clerk,
      );
      expect([organ, r.data?.submitReport.created]).toEqual([organ, true]);
    }
    // The same town name in another county is another body.
    await refusedUnchanged('WRONG_UNIT', () => submit({ fileName: 'r.html', contentBase64: reportFile('唐河县淮源镇人民政府', 2016).base64 }, clerk), gqlCode);
  });
});

describe('an admin overrides with a reason, and it is audited', () => {
  it('GraphQL', async () => {
    const r = await api.gql<{ submitReport: { created: boolean; report: { year: number; version: { status: string } } } }>(
      SUBMIT,
      {
        input: {
          jurisdictionId: String(towns.新集乡),
          fileName: 'h.pdf',
          contentBase64: HONGZE_B64,
          overrideUnit: { reason: '新集乡并入洪泽区前由区政府代报' },
        },
      },
      admin,
    );
    expect(r.data?.submitReport, JSON.stringify(r.errors)).toMatchObject({ created: true, report: { year: 2024, version: { status: 'submitted' } } });
    const entries = await audit('report.unitOverride');
    expect(entries.at(-1)).toMatchObject({
      actor: 'admin',
      details: { unit: '新集乡', printedOrgan: '淮安市洪泽区人民政府', reason: '新集乡并入洪泽区前由区政府代报', version: 1 },
    });
    // The preview passes with the same override.
    const dry = await api.gql(
      'mutation($i: ValidateReportInput!) { validateReportFile(input: $i) { organ } }',
      { i: { fileName: 'h.pdf', contentBase64: HONGZE_B64, jurisdictionId: String(towns.新集乡), overrideUnit: { reason: '同上' } } },
      admin,
    );
    expect(dry.errors).toBeUndefined();
  });

  it('REST', async () => {
    const res = await upload(`jurisdictionId=${towns.毛集镇}&overrideUnitReason=${encodeURIComponent('更名前的标题')}`, admin);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: true, year: 2024 });
    expect((await audit('report.unitOverride')).at(-1)?.details).toMatchObject({ unit: '毛集镇', reason: '更名前的标题' });
  });

  it('bulk', async () => {
    const svc = api.server.app.get(SubmissionsService);
    const r = await svc.bulkSubmit(await bulkActor('admin'), [
      { jurisdictionId: towns.城关镇, fileName: 'h.pdf', bytes: HONGZE, overrideUnit: { reason: '批量导入：区政府代报' } },
    ]);
    expect(r).toMatchObject({ imported: 1, failed: [] });
    expect((await audit('report.unitOverride')).at(-1)?.details).toMatchObject({ unit: '城关镇', reason: '批量导入：区政府代报' });
  });

  it('gongkai ingest --override-unit with a manifest', async () => {
    const dir = traversableTempDir('gongkai-override-');
    writeFileSync(join(dir, 'hongze.pdf'), HONGZE);
    writeFileSync(join(dir, 'manifest.csv'), 'file,unit,year\nhongze.pdf,平氏镇,2024\n');
    const r = await cli([
      'ingest',
      join(dir, 'hongze.pdf'),
      '--county',
      '桐柏县',
      '--manifest',
      join(dir, 'manifest.csv'),
      '--override-unit',
      '档案整理',
      '--json',
    ]);
    expect(JSON.parse(r.stdout.split('\n')[0] as string)).toMatchObject({ status: 'imported', unit: '平氏镇', year: 2024 });
    expect((await audit('report.unitOverride')).at(-1)).toMatchObject({ actor: 'ingest:桐柏县', details: { unit: '平氏镇', reason: '档案整理' } });
  });
});

describe('a report that names no body', () => {
  it('is accepted with an organ.unnamed warning', async () => {
    const r = handReport('淮源镇人民政府', 2015, { granted: 2 });
    r.organ = null;
    const html = new TextDecoder()
      .decode(renderReport(r, 'html'))
      .replace(/<h1>.*?<\/h1>/, '<h1>2015年政府信息公开工作年度报告</h1>')
      .replace(/<title>.*?<\/title>/, '');
    const s = await api.gql<{ submitReport: { created: boolean; report: { version: { findings: { rule: string; severity: string }[] } } } }>(
      SUBMIT,
      { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'untitled.html', contentBase64: Buffer.from(html).toString('base64') } },
      clerk,
    );
    expect(s.data?.submitReport.created, JSON.stringify(s.errors)).toBe(true);
    expect(s.data?.submitReport.report.version.findings).toContainEqual({ id: expect.any(String), rule: 'organ.unnamed', severity: 'warning' });
  });
});
