import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseReport } from '@gongkai/report-parser';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { lyingDocx, zeroBomb } from '../../../../test/support/zip-bomb.js';
import { ParseLimitError, ParsePool } from '../parsing/pool.js';
import { reportFile, SUBMIT } from './helpers.js';

const fixtures = join(import.meta.dirname, '../../../../libs/report-parser/fixtures');

/** A real-looking .docx whose document.xml is 54 MB of paragraphs (168 kB zipped): heavy to read. */
function heavyDocx(): Uint8Array {
  const xml = `<w:document><w:body>${'<w:p><w:r><w:t>一</w:t></w:r></w:p>'.repeat(1_600_000)}</w:body></w:document>`;
  return zipSync({ 'word/document.xml': strToU8(xml) }, { level: 9 });
}

describe('the parse pool', () => {
  const pools: ParsePool[] = [];
  const pool = (o: Partial<ConstructorParameters<typeof ParsePool>[0]> = {}) => {
    const p = new ParsePool({ size: 2, timeoutMs: 20_000, memoryMb: 1024, ...o });
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('gives what the parser gives in process, for every kind of file, in parallel', async () => {
    // One golden fixture of each kind of file.
    const byExt = new Map<string, string>();
    for (const dir of (await readdir(fixtures)).sort())
      for (const f of await readdir(join(fixtures, dir))) if (f.startsWith('input.') && !byExt.has(extname(f))) byExt.set(extname(f), join(dir, f));
    expect(byExt.size).toBeGreaterThanOrEqual(4);
    const inputs = await Promise.all([...byExt.values()].map(async (f) => ({ name: basename(f), bytes: new Uint8Array(await readFile(join(fixtures, f))) })));
    const p = pool();
    const inWorkers = await Promise.all(inputs.map((x) => p.parse(x.bytes, x.name)));
    for (const [i, x] of inputs.entries()) expect(inWorkers[i]).toEqual(await parseReport(x.bytes, x.name));
  });

  it('a parse over its time limit fails with parse.timeLimit, and the next file gets a fresh worker', async () => {
    const p = pool({ size: 1, timeoutMs: 300 });
    // Two small files wait behind the heavy one in the same worker: they are not lost with it.
    const [error, ...ok] = await Promise.all([
      p.parse(heavyDocx(), 'heavy.docx').catch((e) => e),
      p.parse(reportFile('淮源镇人民政府', 2023).bytes, 'r.html'),
      p.parse(reportFile('月河镇人民政府', 2022).bytes, 'r.html'),
    ]);
    expect(error).toBeInstanceOf(ParseLimitError);
    expect((error as ParseLimitError).reason).toBe('parse.timeLimit');
    expect(ok.map((r) => [r.organ, r.year])).toEqual([
      ['淮源镇人民政府', 2023],
      ['月河镇人民政府', 2022],
    ]);
  });

  it('a parse over its memory limit fails with parse.memoryLimit; only its worker dies', async () => {
    const p = pool({ size: 1, memoryMb: 64 });
    const error = await p.parse(heavyDocx(), 'heavy.docx').catch((e) => e);
    expect(error).toBeInstanceOf(ParseLimitError);
    expect((error as ParseLimitError).reason).toBe('parse.memoryLimit');
    expect((error as Error).message).toMatch(/64 MB/);
    const ok = await p.parse(reportFile('淮源镇人民政府', 2023).bytes, 'r.html');
    expect(ok.year).toBe(2023);
  });

  it('an unreadable file keeps its own code through the pool', async () => {
    const error = await pool()
      .parse(strToU8('   '), 'empty.txt')
      .catch((e) => e);
    expect(error.name).toBe('UnreadableInputError');
    expect(error.code).toBe('input.empty');
  });
});

describe('uploads are parsed off the API thread, under limits', () => {
  let api: TestApi;
  let ids: SmallCounty;
  let viewer: string;
  let clerk: string;
  beforeAll(async () => {
    ({ api, ids } = await startSmallCounty({ maxUploadBytes: 10 * 1024 * 1024, parse: { size: 2, timeoutMs: 20_000, memoryMb: 64 } }));
    [viewer, clerk] = await loginAs(api, 'viewer', 'huaiyuan');
  });
  afterAll(() => api?.close());

  const VALIDATE = 'mutation($input: ValidateReportInput!) { validateReportFile(input: $input) { year organ } }';

  /** Times /health while `during` runs: the event loop must stay free. */
  async function healthDuring<T>(during: Promise<T>): Promise<{ result: T; worstHealthMs: number }> {
    let worst = 0;
    let done = false;
    const probe = (async () => {
      while (!done) {
        const t = performance.now();
        const r = await fetch(`${api.url}/health/live`);
        expect(r.status).toBe(200);
        worst = Math.max(worst, performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await during.finally(() => {
      done = true;
    });
    await probe;
    return { result, worstHealthMs: worst };
  }

  it('a viewer sends a zip bomb that claims 100 bytes and expands past 1 GiB: UNREADABLE_REPORT, /health stays quick', async () => {
    const bomb = lyingDocx(zeroBomb(Math.ceil((1.1 * 1024 ** 3) / 258)), 100);
    const { result, worstHealthMs } = await healthDuring(
      api.gql(VALIDATE, { input: { fileName: 'bomb.docx', contentBase64: Buffer.from(bomb).toString('base64') } }, viewer),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNREADABLE_REPORT', reason: 'input.brokenDocx' });
    expect(result.errors?.[0]?.message).toMatch(/压缩炸弹/);
    expect(worstHealthMs).toBeLessThan(1000);
  });

  it('a file that needs more memory than a worker has: UNREADABLE_REPORT with the reason, on GraphQL and REST', async () => {
    const heavy = heavyDocx();
    const { result, worstHealthMs } = await healthDuring(
      api.gql(VALIDATE, { input: { fileName: 'heavy.docx', contentBase64: Buffer.from(heavy).toString('base64') } }, viewer),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNREADABLE_REPORT', reason: 'parse.memoryLimit' });
    expect(worstHealthMs).toBeLessThan(1000);

    const rest = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&year=2023&fileName=heavy.docx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/octet-stream' },
      body: heavy,
    });
    expect(rest.status).toBe(422);
    expect(await rest.json()).toMatchObject({ code: 'UNREADABLE_REPORT', reason: 'parse.memoryLimit' });

    // The pool replaced its worker: an ordinary report goes through.
    const ok = await api.gql<{ submitReport: { created: boolean } }>(
      SUBMIT,
      { input: { jurisdictionId: String(ids.huaiyuan), fileName: 'r.html', contentBase64: reportFile('淮源镇人民政府', 2023).base64 } },
      clerk,
    );
    expect(ok.data?.submitReport.created, JSON.stringify(ok.errors)).toBe(true);
  });
});
