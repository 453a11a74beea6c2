#!/usr/bin/env node
// Dashboard performance in a real browser: JavaScript the first view loads (gzip), and the time
// from navigation to the first chart drawn, on the demo data. `--write` updates docs/benchmarks.md.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadConfig, startServer } from '@gongkai/api';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium.mjs';
import { scratchDatabase } from '../lib/db.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'apps/web/dist');
const RUNS = Number(process.env.RUNS ?? 15);

// 1. What the first view downloads: the entry script and the modules it preloads.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
const sizes = files.map((f) => {
  const bytes = readFileSync(join(dist, f));
  return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const js = sizes.filter((s) => s.file.endsWith('.js'));
const jsGzip = js.reduce((s, x) => s + x.gzip, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// 2. First chart drawn, on the demo county, in Chromium.
const work = join(tmpdir(), `gongkai-bench-web-${process.pid}`);
const scratch = await scratchDatabase(work, 'bench_web');
const server = await startServer({
  ...loadConfig({ HOST: '127.0.0.1', DATABASE_URL: scratch.url, GONGKAI_WEB_DIR: dist, LOG_LEVEL: 'error', SEED_DEMO: 'true', GONGKAI_DATA_DIR: work }),
  port: 0,
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const measure = async (page) => {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => performance.getEntriesByName('gongkai:first-chart').length > 0, null, { timeout: 30_000 });
  return page.evaluate(() => performance.getEntriesByName('gongkai:first-chart')[0].startTime);
};
const cold = [];
const warm = [];
await measure(await browser.newPage()); // the server's first answers (JIT, caches) are not the user's
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  cold.push(await measure(page));
  warm.push(await measure(page));
  await ctx.close();
}
await browser.close();
await server.close();
await scratch.drop();
rmSync(work, { recursive: true, force: true });

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const table = [
  '| measure | value | target |',
  '|---|---:|---:|',
  `| JavaScript of the first view (gzip, ${js.length} files) | ${kb(jsGzip)} | ≤ 250 KB |`,
  `| first chart drawn, new browser context: median / p95 of ${RUNS} | ${pct(cold, 50).toFixed(0)} ms / ${pct(cold, 95).toFixed(0)} ms | ≤ 1,500 ms |`,
  `| first chart drawn, reload with cache: median / p95 | ${pct(warm, 50).toFixed(0)} ms / ${pct(warm, 95).toFixed(0)} ms | |`,
].join('\n');
const detail = sizes.map((s) => `| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} |`).join('\n');
const body = `${table}\n\nFiles the first view loads:\n\n| file | raw | gzip |\n|---|---:|---:|\n${detail}`;
console.log(body);

if (process.argv.includes('--write')) {
  const doc = join(root, 'docs/benchmarks.md');
  const start = '<!-- bench:web:start -->';
  const end = '<!-- bench:web:end -->';
  const text = readFileSync(doc, 'utf8');
  const block = `${start}\nMeasured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, Chromium headless, ${process.env.DATABASE_URL ? 'PostgreSQL server from DATABASE_URL' : 'embedded PostgreSQL 18'}, demo county.\n\n${body}\n${end}`;
  writeFileSync(
    doc,
    text.includes(start)
      ? text.replace(new RegExp(`${start}[\\s\\S]*${end}`), block)
      : `${text.trimEnd()}\n\n## Dashboard (\`bench/web\`)\n\nCommand: \`npm run bench:web -- --write\`\n\nThe JavaScript the first view (全县概览) loads — the entry script and the modules it preloads, gzip -9 — and the time from navigation to the first ECharts \`finished\` event (a \`performance.mark\` the chart sets), against the API with the demo county on the same machine. Targets (issue "Dashboard for county officials"): ≤ 250 KB gzip, first chart ≤ 1.5 s.\n\n${block}\n`,
  );
  console.log('docs/benchmarks.md updated');
}
process.exit(0);
