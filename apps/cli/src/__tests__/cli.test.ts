import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDER_EXT, RENDER_FORMATS, randomReport, renderReport } from '@gongkai/report-render';
import { cellPaths, getCell } from '@gongkai/report-template';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/gongkai.js');
const fixtures = join(import.meta.dirname, '../../../../libs/report-parser/fixtures');
const seed = join(fixtures, 'huaiyuan-town-2023/input.txt');
const pdf23 = join(fixtures, 'hongze-district-2023/input.pdf');
const pdf24 = join(fixtures, 'hongze-district-2024/input.pdf');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-cli-'));
});

describe('gongkai parse', () => {
  it('the seed sample as canonical JSON: 2023, 淮源镇人民政府, 2021 template, every count 0, text present', async () => {
    const { code, stdout, stderr } = await run(['parse', seed, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ year: 2023, organ: '淮源镇人民政府', templateVersion: '2021' });
    const counts = cellPaths('2021').map((p) => getCell(r, p));
    expect(counts.length).toBeGreaterThan(180);
    expect(counts.every((v) => v === 0)).toBe(true);
    expect(r.text.overview).toMatch(/^2023年，淮源镇/);
    expect(r.text.problems).toMatch(/政务公开工作/);
    expect(r.text.other).toBe('无');
    expect(r.provenance['applications.newReceived.naturalPerson']).toMatchObject({ raw: '0', line: expect.any(Number) });
  });

  it('the 2023 PDF reports its own table 四 as reviews.groupTotal errors, still exit 0', async () => {
    const { code, stdout } = await run(['parse', pdf23, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    const errors = r.findings.filter((f: { rule: string }) => f.rule === 'reviews.groupTotal');
    expect(errors.map((f: { cells: string[] }) => f.cells[0])).toEqual(['reviews.reconsideration.total', 'reviews.litigationAfterReconsideration.total']);
    expect(r.provenance['reviews.reconsideration.upheld']).toMatchObject({ raw: '10', page: 4 });
  });

  it('several files: one NDJSON line each, with a file field, and a failure line for the unreadable', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const { code, stdout, stderr } = await run(['parse', seed, empty, pdf24, '--json']);
    expect(code).toBe(2);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([seed, empty, pdf24]);
    expect(lines[1].error.code).toBe('input.empty');
    expect(lines[2].year).toBe(2024);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a readable summary without --json', async () => {
    const { code, stdout } = await run(['parse', pdf23]);
    expect(code).toBe(0);
    expect(stdout).toContain('洪泽区人民政府 2023');
    expect(stdout).toContain('三（七）总计');
    expect(stdout).toContain('reviews.groupTotal');
  });

  it('every rendered format, in one batch', async () => {
    const files: string[] = [];
    const reports = RENDER_FORMATS.map((f, i) => {
      const d = randomReport(100 + i);
      const file = join(dir, `r${i}.${RENDER_EXT[f]}`);
      files.push(file);
      return { d, file, bytes: renderReport(d, f) };
    });
    for (const r of reports) await writeFile(r.file, r.bytes);
    const { code, stdout } = await run(['parse', ...files, '--json']);
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((r) => r.organ)).toEqual(reports.map((r) => r.d.organ));
  });

  describe('unreadable input exits 2 with one line on stderr, no stack trace', () => {
    const cases: [string, () => Promise<string>][] = [
      ['empty', async () => writeTo('empty.txt', new Uint8Array())],
      [
        'random binary',
        async () =>
          writeTo(
            'rand.bin',
            Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24),
          ),
      ],
      ['non-report HTML', async () => writeTo('page.html', strToU8('<html><body><h1>欢迎</h1><table><tr><td>访问</td><td>12</td></tr></table></body></html>'))],
      ['broken PDF', async () => writeTo('broken.pdf', (await readFile(pdf23)).subarray(0, 9000))],
      ['broken docx', async () => writeTo('broken.docx', zipSync({ 'x.txt': strToU8('x') }).subarray(0, 40))],
      ['30 MB junk text', async () => writeTo('junk.txt', new Uint8Array(30 * 1024 * 1024).fill(0x61))],
      ['a missing file', async () => join(dir, 'does-not-exist.txt')],
      ['a directory', async () => dir],
    ];
    for (const [name, make] of cases) {
      it(name, async () => {
        const file = await make();
        const { code, stdout, stderr, ms } = await run(['parse', file]);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).not.toMatch(/\n\s+at /);
        expect(ms).toBeLessThan(30_000);
      });
    }
  });

  it('a GBK copy of the seed sample parses', async () => {
    const { default: iconv } = await import('iconv-lite');
    const file = await writeTo('gbk.txt', new Uint8Array(iconv.encode(await readFile(seed, 'utf8'), 'gbk')));
    const { code, stdout } = await run(['parse', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ organ: '淮源镇人民政府', year: 2023 });
  });
});

describe('gongkai validate', () => {
  it('exit 1 when the report breaks an error rule', async () => {
    const { code, stdout } = await run(['validate', pdf23]);
    expect(code).toBe(1);
    expect(stdout).toContain('reviews.groupTotal');
  });

  it('2024 against 2023: no carry-over warning, exit 0, JSON findings', async () => {
    const { code, stdout } = await run(['validate', pdf24, '--previous', pdf23, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.findings.map((f: { rule: string }) => f.rule)).not.toContain('carryOver.matchesPreviousYear');
  });

  it('a changed carry-over is reported against the previous year', async () => {
    const prev = randomReport(7, { version: '2021' });
    const cur = randomReport(8, { version: '2021', organ: prev.organ ?? undefined });
    const a = await writeTo('prev.html', renderReport(prev, 'html'));
    const b = await writeTo('cur.html', renderReport(cur, 'html'));
    const { stdout } = await run(['validate', b, '--previous', a, '--json']);
    const differs =
      JSON.stringify((cur.applications as { carriedOver: unknown }).carriedOver) !==
      JSON.stringify((prev.applications as { carriedForward: unknown }).carriedForward);
    expect(JSON.parse(stdout).findings.some((f: { rule: string }) => f.rule === 'carryOver.matchesPreviousYear')).toBe(differs);
  });

  it('each command has its own help with examples; the general help lists them all', async () => {
    const general = (await run(['--help'])).stdout;
    for (const command of ['ingest', 'fetch', 'parse', 'validate']) {
      const own = await run([command, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout.startsWith(`gongkai ${command}`)).toBe(true);
      expect(own.stdout).toContain('Examples:');
      expect(own.stdout).toMatch(new RegExp(`\\n  gongkai ${command} \\S`));
      expect(own.stdout).not.toBe(general);
      expect((await run(['help', command])).stdout).toBe(own.stdout);
    }
    expect((await run(['ingest', '--help'])).stdout).toContain('--manifest CSV');
    expect((await run(['fetch', '--help'])).stdout).toContain('--retries N');
  });

  it('the summary marks cut labels with … and says when there are no findings', async () => {
    const file = await writeTo('clean.txt', renderReport(randomReport(3, { organ: '淮源镇人民政府', year: 2023, version: '2021', scale: 5 }), 'text-cells'));
    const { code, stdout } = await run(['parse', file]);
    expect(code).toBe(0);
    const json = JSON.parse((await run(['parse', file, '--json'])).stdout) as { findings: unknown[] };
    if (json.findings.length === 0) {
      expect(stdout).toContain('未发现问题');
      expect(stdout).not.toContain('发现 0 项');
    } else expect(stdout).toContain(`发现 ${json.findings.length} 项：`);
    expect(stdout).not.toMatch(/发现 \d+ 项：\s*$/);
    // Long row labels are cut with an ellipsis, never silently.
    expect(stdout).toContain('…');
  });

  it('usage errors exit 2', async () => {
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['parse', '--bogus'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

async function writeTo(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}
