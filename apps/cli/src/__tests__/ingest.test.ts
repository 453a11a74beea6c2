import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { randomReport, renderReport } from '@gongkai/report-render';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, traversableTempDir } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';

const bin = join(import.meta.dirname, '../../bin/gongkai.js');
let api: TestApi;
let ids: SmallCounty;
let dir: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: api.databaseUrl, LOG_LEVEL: 'error' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const report = (organ: string, year: number, seed: number, format: Parameters<typeof renderReport>[1] = 'html') =>
  renderReport(randomReport(seed, { organ, year }), format);

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  dir = traversableTempDir('gongkai-ingest-');
});
afterAll(() => api?.close());

describe('gongkai ingest', () => {
  it('walks folders, matches units by title, stores each file once, and says why the rest failed', async () => {
    const root = join(dir, 'county');
    mkdirSync(join(root, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(root, '淮源镇2021.html'), report('淮源镇人民政府', 2021, 1));
    writeFileSync(join(root, 'nested', '月河镇2021.docx'), report('月河镇人民政府', 2021, 2, 'docx'));
    writeFileSync(join(root, 'nested', 'deeper', '月河镇2020.txt'), report('月河镇人民政府', 2020, 3, 'text-cells'));
    writeFileSync(join(root, 'nested', '城郊乡2021.html'), report('城郊乡人民政府', 2021, 4)); // another county's
    writeFileSync(join(root, 'broken.pdf'), '%PDF-1.7 broken');
    writeFileSync(join(root, 'notes.xlsx'), 'not a report');
    writeFileSync(join(root, '.hidden.html'), report('淮源镇人民政府', 2019, 5));
    symlinkSync(root, join(root, 'nested', 'loop'));
    const first = await cli(['ingest', root, '--county', '桐柏县', '--json']);
    expect(first.code).toBe(1);
    const out = lines(first.stdout);
    const summary = out.pop().summary;
    expect(summary).toMatchObject({ total: 5, imported: 3, unchanged: 0, failed: 2 });
    const failed = Object.fromEntries(out.filter((r) => r.status === 'failed').map((r) => [r.source.split('/').pop(), r.code]));
    expect(failed).toEqual({ 'broken.pdf': 'UNREADABLE_REPORT', '城郊乡2021.html': 'WRONG_UNIT' });
    expect(first.stderr).toContain('skipped 1 file');
    const again = await cli(['ingest', root, '--county', '桐柏县']);
    expect(again.stdout).toContain('0 imported, 3 unchanged, 2 failed');
    const stored = await api.gql<{ reports: { totalCount: number } }>(
      `{ reports(under: "${ids.countyId}") { totalCount } }`,
      {},
      await api.login('admin', 'pw-admin'),
    );
    expect(stored.data?.reports.totalCount).toBe(3);
  });

  it('a manifest names the unit and year where the title does not', async () => {
    const d = join(dir, 'manifest');
    mkdirSync(d);
    const r = randomReport(9, { organ: '淮源镇人民政府', year: 2018 });
    r.organ = null;
    const text = new TextDecoder()
      .decode(renderReport(r, 'html'))
      .replace(/<h1>.*?<\/h1>/, '<h1>政府信息公开工作年度报告</h1>')
      .replace(/<title>.*?<\/title>/, '');
    writeFileSync(join(d, 'untitled.html'), text);
    writeFileSync(join(d, 'manifest.csv'), 'file,unit,year\nuntitled.html,淮源镇,2018\n');
    const res = await cli(['ingest', join(d, 'untitled.html'), '--county', '411330', '--manifest', join(d, 'manifest.csv'), '--json']);
    expect(res.code).toBe(0);
    expect(lines(res.stdout)[0]).toMatchObject({ status: 'imported', unit: '淮源镇', year: 2018 });
  });

  it('a folder walk takes pages saved from portals (.jsp, .aspx, .php) as the parser reads them: HTML', async () => {
    const d = join(dir, 'portal');
    mkdirSync(d);
    writeFileSync(join(d, 'info.jsp'), report('淮源镇人民政府', 2013, 31));
    writeFileSync(join(d, 'Detail.ASPX'), report('淮源镇人民政府', 2014, 32));
    writeFileSync(join(d, 'show.php'), report('月河镇人民政府', 2015, 33));
    writeFileSync(join(d, 'notes.xlsx'), 'not a report');
    const res = await cli(['ingest', d, '--county', '桐柏县', '--json']);
    const out = lines(res.stdout);
    expect(out.pop().summary).toMatchObject({ total: 3, imported: 3, failed: 0 });
    expect(Object.fromEntries(out.map((r) => [r.source.split('/').pop(), `${r.status} ${r.unit} ${r.year}`]))).toEqual({
      'Detail.ASPX': 'imported 淮源镇 2014',
      'info.jsp': 'imported 淮源镇 2013',
      'show.php': 'imported 月河镇 2015',
    });
    expect(res.stderr).toContain('skipped 1 file');
  });

  it('usage errors and missing paths exit 2 with one line', async () => {
    for (const args of [
      ['ingest'],
      ['ingest', join(dir, 'nope')],
      ['ingest', dir, '--county', '不存在县'],
      ['fetch'],
      ['fetch', '--urls', join(dir, 'nope.txt')],
      ['fetch', '--urls', bin, '--retries', 'many'],
    ]) {
      const r = await cli(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !/^\d+\/\d+$/.test(l)),
      ).toHaveLength(1);
    }
  });
});

describe('gongkai fetch', () => {
  let server: Server;
  let base: string;
  let flaky = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/a/report.html') return void res.end(report('淮源镇人民政府', 2016, 20));
      if (req.url === '/gbk') {
        res.setHeader('content-type', 'text/html; charset=gbk');
        return void res.end(iconv.encode(new TextDecoder().decode(report('月河镇人民政府', 2016, 21)).replace('charset="utf-8"', 'charset="gbk"'), 'gbk'));
      }
      if (req.url === '/flaky.html') {
        flaky++;
        if (flaky < 3) {
          res.statusCode = 503;
          return void res.end('busy');
        }
        return void res.end(report('淮源镇人民政府', 2017, 22));
      }
      if (req.url === '/slow.html') return; // never answers
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('downloads with retries, backoff and timeouts, decodes GBK, and ingests', async () => {
    const list = join(dir, 'urls.txt');
    writeFileSync(
      list,
      `# 桐柏县 2016\n${base}/a/report.html\n${base}/gbk\n${base}/flaky.html\n${base}/slow.html\n${base}/missing.html\nftp://example.invalid/x\nnot a url\n`,
    );
    const r = await cli(['fetch', '--urls', list, '--county', '桐柏县', '--delay', '0', '--timeout', '800', '--retries', '2', '--json']);
    const out = lines(r.stdout);
    const summary = out.pop().summary;
    expect(summary).toMatchObject({ total: 5, imported: 3, failed: 2 });
    const byUrl = Object.fromEntries(out.map((o) => [o.source.replace(base, ''), o.status === 'failed' ? o.reason : `${o.unit} ${o.year}`]));
    expect(byUrl['/a/report.html']).toBe('淮源镇 2016');
    expect(byUrl['/gbk']).toBe('月河镇 2016');
    expect(byUrl['/flaky.html']).toBe('淮源镇 2017');
    expect(byUrl['/slow.html']).toMatch(/no answer within 800 ms after 3 attempt/);
    expect(byUrl['/missing.html']).toMatch(/HTTP 404 after 1 attempt/);
    expect(flaky).toBe(3);
    expect(r.stderr).toContain('not an http(s) address');
    expect(r.code).toBe(1);
  }, 60_000);
});
