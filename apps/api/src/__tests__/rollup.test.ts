import { parseReport } from '@gongkai/report-parser';
import { cellPaths, getCell } from '@gongkai/report-template';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { findSoffice, sofficeConvert } from '../../../../test/support/producers.mjs';
import { FIGURE_COLUMNS } from '../modules/reports/figures.entity.js';
import { acceptAndPublish, handReport, submitVersion } from './helpers.js';

let api: TestApi;
let db: pg.Client;
let admin: string;
let countyId: string;
let countyPath: string;
const PATHS = cellPaths('2021');

type Unit = { unit: { id: string; name: string; kind: string }; state: string; versionId: string | null };
type Rollup = {
  dataVersion: string;
  metricsVersion: string;
  data: Record<string, unknown> & { organ: string; year: number; findings: { rule: string }[] };
  included: Unit[];
  missing: Unit[];
  ownOffice: { id: string; name: string } | null;
  checks: { rule: string; message: string; cells: string[]; units: { unit: { name: string }; message: string }[] }[];
  yoy: { metric: string; value: number | null; previous: number | null; change: number | null }[];
  prose: string[];
  docxUrl: string;
  csvUrl: string;
};
const FIELDS = `dataVersion metricsVersion data ownOffice { id name } included { unit { id name kind } state versionId } missing { unit { id name kind } state versionId }
  checks { rule message cells units { unit { name } message } } yoy { metric value previous change } prose docxUrl csvUrl`;

async function rollup(year: number, token: string | null = null, own = true, extra = ''): Promise<Rollup & Record<string, unknown>> {
  const r = await api.gql<{ rollupReport: Rollup }>(
    `query($s: ID!, $y: Int!, $o: Boolean) { rollupReport(scope: $s, year: $y, includeOwnOffice: $o) { ${FIELDS} ${extra} } }`,
    { s: countyId, y: year, o: own },
    token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data?.rollupReport as Rollup & Record<string, unknown>;
}

/** The sum over the published figures of the units under the county, straight from report_figures. */
async function independentSums(year: number, exceptUnit?: string): Promise<Map<string, number>> {
  const { rows } = await db.query(
    `SELECT f.* FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
     WHERE j.path LIKE $1 AND r.year = $2 AND ($3::int IS NULL OR j.id <> $3)`,
    [`${countyPath}.%`, year, exceptUnit ?? null],
  );
  const sums = new Map<string, number>();
  for (const p of PATHS)
    sums.set(
      p,
      rows.reduce((s, row) => s + Number(row[FIGURE_COLUMNS[p] as string] ?? 0), 0),
    );
  return sums;
}

function expectCellByCell(data: Record<string, unknown>, sums: Map<string, number>) {
  const wrong = PATHS.filter((p) => Math.abs((getCell(data as never, p) ?? Number.NaN) - (sums.get(p) ?? 0)) > 1e-6);
  expect(wrong.map((p) => `${p}: ${getCell(data as never, p)} ≠ ${sums.get(p)}`)).toEqual([]);
}

beforeAll(async () => {
  api = await startTestApi({ seedDemo: true });
  db = new pg.Client({ connectionString: api.databaseUrl });
  await db.connect();
  admin = await api.login('admin', 'gongkai-admin');
  const c = await api.gql<{ jurisdiction: { id: string } }>('{ jurisdiction(code: "411330") { id } }');
  countyId = c.data?.jurisdiction.id as string;
  countyPath = (await db.query('SELECT path FROM jurisdiction WHERE id = $1', [countyId])).rows[0].path;
}, 120_000);
afterAll(async () => {
  await db?.end();
  await api?.close();
});

describe('roll-up of the demo county', () => {
  it('2025: every cell of tables 二, 三, 四 is the sum of the published unit reports, computed independently', async () => {
    const r = await rollup(2025);
    expect(r.data).toMatchObject({ templateVersion: '2021', organ: '桐柏县', year: 2025, source: { format: 'json' }, publishedDate: null });
    expect(Object.keys(r.data)).toEqual(expect.arrayContaining(['proactive', 'applications', 'reviews', 'text', 'provenance', 'findings']));
    expectCellByCell(r.data, await independentSums(2025));
    expect(r.included.length).toBeGreaterThan(10);
    expect(r.included.every((u) => u.state === 'published' && u.versionId)).toBe(true);
    // Prose: numbers from the tables, read back by the validator's own text rule without a mismatch.
    expect(r.prose.join('')).toContain(`收到政府信息公开申请${getCell(r.data as never, 'applications.newReceived.total')}件`);
    expect(r.data.findings.filter((f) => f.rule === 'text.matchesTables')).toEqual([]);
    expect(r.docxUrl).toBe(`/api/rollup.docx?scope=${countyId}&year=2025&includeOwnOffice=true`);
  });

  it('excluding the county government office subtracts exactly its published report', async () => {
    const r = await rollup(2025, null, false);
    expect(r.ownOffice?.name).toMatch(/人民政府/);
    expectCellByCell(r.data, await independentSums(2025, r.ownOffice?.id));
    expect(r.included.map((u) => u.unit.id)).not.toContain(r.ownOffice?.id);
  });

  it('units missing or unpublished are listed, as the submission status has them', async () => {
    const status = await api.gql<{ submissionStatus: { unit: { id: string }; state: string }[] }>(
      `{ submissionStatus(countyId: "${countyId}", year: 2025) { unit { id } state } }`,
      {},
      admin,
    );
    const r = await rollup(2025, admin);
    const notPublished = (status.data?.submissionStatus ?? []).filter((s) => s.state !== 'published');
    expect(notPublished.length).toBeGreaterThan(0);
    expect(r.missing.map((m) => m.unit.id).sort()).toEqual(notPublished.map((s) => s.unit.id).sort());
    for (const m of r.missing) expect(m.state).toBe(notPublished.find((s) => s.unit.id === m.unit.id)?.state);
    // Outside the office, the same units, without what stage their drafts are at.
    const pub = await rollup(2025);
    expect(pub.missing.map((m) => m.unit.id).sort()).toEqual(r.missing.map((m) => m.unit.id).sort());
    expect(new Set(pub.missing.map((m) => m.state))).toEqual(new Set(['notPublished']));
  });

  it('a cell lists each included unit’s contribution, adding up to the cell, with links', async () => {
    const key = 'applications.newReceived.total';
    const r = await api.gql<{
      rollupReport: { included: Unit[]; contributions: { value: number; contributions: { value: number | null; unit: { id: string }; reportUrl: string }[] } };
    }>(
      `{ rollupReport(scope: "${countyId}", year: 2025) { included { unit { id } } contributions(key: "${key}") { value contributions { value unit { id } reportUrl } } } }`,
    );
    const cell = r.data?.rollupReport.contributions;
    expect(cell?.contributions.length).toBe(r.data?.rollupReport.included.length);
    expect(cell?.contributions.reduce((s, c) => s + (c.value ?? 0), 0)).toBe(cell?.value);
    expect(cell?.contributions[0]?.reportUrl).toMatch(/^\/report\?unit=\d+&year=2025$/);
    const bad = await api.gql(`{ rollupReport(scope: "${countyId}", year: 2025) { contributions(key: "applications.nope") { value } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });

  it('year-on-year figures compare with the same scope’s previous year', async () => {
    const [now, before] = [await rollup(2025), await rollup(2024)];
    const received = now.yoy.find((y) => y.metric === 'applications.received');
    expect(received?.value).toBe(getCell(now.data as never, 'applications.newReceived.total'));
    expect(received?.previous).toBe(getCell(before.data as never, 'applications.newReceived.total'));
    expect(received?.change).toBe((received?.value ?? 0) - (received?.previous ?? 0));
  });

  it('a scope that is not a county, city or province, and an unknown one, are coded errors', async () => {
    const town = (await db.query(`SELECT id FROM jurisdiction WHERE path LIKE $1 AND kind = 'town' LIMIT 1`, [`${countyPath}.%`])).rows[0].id;
    const a = await api.gql(`{ rollupReport(scope: "${town}", year: 2025) { dataVersion } }`);
    expect(a.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const b = await api.gql(`{ rollupReport(scope: "999999", year: 2025) { dataVersion } }`);
    expect(b.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const c = await fetch(`${api.url}/api/rollup.docx?scope=${countyId}&year=2025&bogus=1`);
    expect(c.status).toBe(400);
  });
});

describe('downloads', () => {
  it('the .docx reads back through the parser to exactly the same numbers; the CSV holds every cell', async () => {
    const r = await rollup(2025);
    const res = await fetch(`${api.url}${r.docxUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('x-data-version')).toBe(r.dataVersion);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const parsed = await parseReport(bytes, 'rollup.docx');
    expect(parsed.source.format).toBe('docx');
    expect(parsed.organ).toBe('桐柏县');
    expect(parsed.year).toBe(2025);
    expect(PATHS.filter((p) => getCell(parsed, p) !== getCell(r.data as never, p))).toEqual([]);
    expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const csv = await (await fetch(`${api.url}${r.csvUrl}`)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain(`数据版本 ${r.dataVersion}`);
    const values = new Map(lines.slice(2).map((l) => [l.split(',')[0] as string, Number(l.split(',').at(-2))]));
    expect(PATHS.filter((p) => values.get(p) !== getCell(r.data as never, p))).toEqual([]);
  });

  it.skipIf(!findSoffice())('LibreOffice opens the .docx; its PDF parses back to the same numbers', { timeout: 120_000 }, async () => {
    const r = await rollup(2025);
    const bytes = new Uint8Array(await (await fetch(`${api.url}${r.docxUrl}`)).arrayBuffer());
    const [pdf] = await sofficeConvert([{ name: 'rollup.docx', data: bytes }], 'pdf');
    const parsed = await parseReport(pdf as Uint8Array, 'rollup.pdf');
    expect(parsed.year).toBe(2025);
    expect(PATHS.filter((p) => getCell(parsed, p) !== getCell(r.data as never, p))).toEqual([]);
  });
});

describe('reproducible roll-ups', () => {
  it('after a new publication the roll-up says it changed, and what changed; a frozen copy stays downloadable', async () => {
    const before = await rollup(2025, admin);
    const viewer = await api.login('viewer', 'gongkai-viewer');
    const refused = await api.gql(`mutation { freezeRollup(scope: "${countyId}", year: 2025) { id } }`, {}, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const frozen = await api.gql<{ freezeRollup: { id: string; dataVersion: string; docxUrl: string; frozenBy: string } }>(
      `mutation($v: String) { freezeRollup(scope: "${countyId}", year: 2025, dataVersion: $v, note: "县政府办发布稿") { id dataVersion docxUrl frozenBy } }`,
      { v: before.dataVersion },
      admin,
    );
    expect(frozen.errors).toBeUndefined();
    const f = frozen.data?.freezeRollup as { id: string; dataVersion: string; docxUrl: string; frozenBy: string };
    expect(f).toMatchObject({ dataVersion: before.dataVersion, frozenBy: 'admin' });
    const frozenBytes = new Uint8Array(await (await fetch(`${api.url}${f.docxUrl}`)).arrayBuffer());
    const audit = await db.query(`SELECT actor, details FROM audit_log WHERE action = 'rollup.freeze' AND "entityId" = $1`, [f.id]);
    expect(audit.rows[0]).toMatchObject({ actor: 'admin', details: { dataVersion: before.dataVersion, year: 2025 } });

    // A missing unit publishes its report: 120 more applications received, all granted.
    const missing = before.missing.find((m) => m.unit.kind !== 'government') as Unit;
    const report = handReport(missing.unit.name, 2025, { granted: 120 });
    const status = await db.query(
      `SELECT r."currentVersionId", v.status FROM report r JOIN report_version v ON v.id = r."currentVersionId" WHERE r."jurisdictionId" = $1 AND r.year = 2025`,
      [missing.unit.id],
    );
    const versionId = await submitVersion(api, admin, Number(missing.unit.id), report).catch(async (e) => {
      if (status.rows[0]) return String(status.rows[0].currentVersionId);
      throw e;
    });
    await acceptAndPublish(api, admin, versionId);

    const after = await rollup(
      2025,
      admin,
      true,
      `changes(since: "${before.dataVersion}") { since changed cells { key before after } unitsAdded { id name } unitsRemoved { id } }
      sinceFrozen: changes(frozenId: "${f.id}") { changed unitsAdded { id } } frozen { id dataVersion }`,
    );
    expect(after.dataVersion).not.toBe(before.dataVersion);
    expectCellByCell(after.data, await independentSums(2025));
    const changes = after.changes as {
      since: string;
      changed: boolean;
      cells: { key: string; before: number; after: number }[];
      unitsAdded: { id: string }[];
      unitsRemoved: unknown[];
    };
    expect(changes.changed).toBe(true);
    expect(changes.since).toBe(before.dataVersion);
    expect(changes.unitsAdded.map((u) => u.id)).toEqual([missing.unit.id]);
    const received = changes.cells.find((c) => c.key === 'applications.newReceived.total');
    expect(received).toBeDefined();
    expect((received?.after ?? 0) - (received?.before ?? 0)).toBe(getCell(report, 'applications.newReceived.total'));
    for (const c of changes.cells) expect(c.before).toBe(getCell(before.data as never, c.key));
    expect((after.sinceFrozen as { changed: boolean; unitsAdded: { id: string }[] }).unitsAdded.map((u) => u.id)).toEqual([missing.unit.id]);
    expect((after.frozen as { id: string }[]).map((x) => x.id)).toContain(f.id);
    expect(after.missing.map((m) => m.unit.id)).not.toContain(missing.unit.id);

    // Freezing against the data version one looked at before is refused once it moved on.
    const stale = await api.gql(`mutation { freezeRollup(scope: "${countyId}", year: 2025, dataVersion: "${before.dataVersion}") { id } }`, {}, admin);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The frozen .docx is the same bytes after the change, and still reads as the numbers frozen.
    const again = new Uint8Array(await (await fetch(`${api.url}${f.docxUrl}`)).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(frozenBytes))).toBe(true);
    const parsed = await parseReport(again, 'frozen.docx');
    expect(getCell(parsed, 'applications.newReceived.total')).toBe(getCell(before.data as never, 'applications.newReceived.total'));
  });

  it('removing a publication changes the roll-up, and the change names the unit', async () => {
    const before = await rollup(2025, admin);
    const unit = before.included.find((u) => u.unit.kind === 'town') as Unit;
    // There is no unpublish in the workflow yet: withdraw the way publishing would undo it, with the rollups moved in the same transaction.
    await db.query('BEGIN');
    const { rows } = await db.query(`SELECT r.id, r."publishedVersionId" FROM report r WHERE r."jurisdictionId" = $1 AND r.year = 2025`, [unit.unit.id]);
    const ancestors = [0, ...countyPath.split('.').map(Number)];
    const cols = Object.values(FIGURE_COLUMNS).map((c) => `"${c}"`);
    await db.query(
      `UPDATE figures_rollup g SET reports = g.reports - 1, ${cols.map((c) => `${c} = g.${c} - coalesce(f.${c}, 0)`).join(', ')}
       FROM report_figures f WHERE f."versionId" = $1 AND g."scopeId" = ANY($2::int[]) AND g.year = 2025 AND g.kind = 'town'`,
      [rows[0].publishedVersionId, ancestors],
    );
    await db.query(`UPDATE report SET "publishedVersionId" = NULL WHERE id = $1`, [rows[0].id]);
    await db.query(`UPDATE report_version SET status = 'accepted' WHERE id = $1`, [rows[0].publishedVersionId]);
    await db.query('UPDATE data_version SET published = published + 1 WHERE id = 1');
    await db.query('COMMIT');
    const after = await rollup(2025, admin, true, `changes(since: "${before.dataVersion}") { changed cells { key } unitsRemoved { id } }`);
    expectCellByCell(after.data, await independentSums(2025));
    const changes = after.changes as { changed: boolean; unitsRemoved: { id: string }[]; cells: unknown[] };
    expect(changes.changed).toBe(true);
    expect(changes.unitsRemoved.map((u) => u.id)).toEqual([unit.unit.id]);
    expect(after.missing.find((m) => m.unit.id === unit.unit.id)?.state).toBe('accepted');
  });
});

describe('rule checks on the totals', () => {
  it('a sum of consistent reports is consistent; an inconsistent unit is named with the rule it breaks', async () => {
    const base = await rollup(2025, admin);
    // Publish a unit report whose 总计 column disagrees with its applicant columns.
    const unit = base.included.find((u) => u.unit.kind === 'department') as Unit;
    const r = handReport(unit.unit.name, 2025, { granted: 7 });
    (r.applications as { granted: Record<string, number> }).granted.total = 9;
    const v = await submitVersion(api, admin, Number(unit.unit.id), r);
    await acceptAndPublish(api, admin, v);
    const after = await rollup(2025, admin);
    const rowTotal = after.checks.find((c) => c.rule === 'applications.rowTotal');
    expect(rowTotal?.units.map((u) => u.unit.name)).toContain(unit.unit.name);
    const before = base.checks.filter((c) => c.rule === 'applications.rowTotal').length;
    expect(before).toBe(0);
  });

  it('cross-year: 上年结转 of the totals against last year’s roll-up, naming the unit whose report breaks it', async () => {
    const { rows } = await db.query(
      `SELECT j.id, j.name FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
       WHERE j.path LIKE $1 AND r.year = 2024 AND j.kind = 'town' AND f.a_carried_forward_total > 0
         AND EXISTS (SELECT 1 FROM report r2 WHERE r2."jurisdictionId" = j.id AND r2.year = 2025 AND r2."publishedVersionId" IS NOT NULL)
       ORDER BY j.id LIMIT 1`,
      [`${countyPath}.%`],
    );
    const unit = rows[0] as { id: number; name: string };
    // Its 2025 report says nothing was carried over, though its 2024 report carried some forward.
    const v = await submitVersion(api, admin, unit.id, handReport(unit.name, 2025, { granted: 3 }));
    await acceptAndPublish(api, admin, v);
    const r = await rollup(2025, admin);
    // One finding per applicant column, as for a single report; the unit is named on the column its total breaks.
    const carry = r.checks.filter((c) => c.rule === 'carryOver.matchesPreviousYear');
    expect(carry.find((c) => c.cells.includes('applications.carriedOver.total'))?.message).toMatch(/上年结转/);
    expect(carry.find((c) => c.cells.includes('applications.carriedOver.total'))?.units.map((u) => u.unit.name)).toContain(unit.name);
  });
});
