import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { IngestOutcome, Ingestor } from '@gongkai/api';
import { parseCsv } from '@gongkai/csv';
import { REPORT_EXTENSIONS as ACCEPTED } from '@gongkai/report-template';

/** The extensions a folder walk takes: every format the parser reads (the template lib's registry). */
export const REPORT_EXTENSIONS: ReadonlySet<string> = new Set(ACCEPTED);

export interface Job {
  /** What the user sees: a path or a URL. */
  source: string;
  load(): Promise<{ fileName: string; bytes: Uint8Array }>;
  hint?: { unit?: string | null; year?: number | null; overrideUnit?: { reason: string } | null };
}

/** Files under the given paths (folders walked, links not followed), and those a folder skipped. */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; skipped: string[] }> {
  const files: string[] = [];
  const skipped: string[] = [];
  const walk = async (p: string, top: boolean) => {
    const st = await lstat(p);
    if (st.isSymbolicLink() && !top) return;
    if (st.isDirectory()) {
      for (const name of (await readdir(p)).sort()) if (!name.startsWith('.')) await walk(join(p, name), false);
    } else if (st.isFile() || top) {
      if (top || REPORT_EXTENSIONS.has(extname(p).toLowerCase())) files.push(p);
      else skipped.push(p);
    }
  };
  for (const p of paths) await walk(p, true);
  return { files, skipped };
}

/** A manifest CSV (`file,unit,year`) names the unit and year where titles do not. */
export async function readManifest(file: string): Promise<Map<string, { unit: string | null; year: number | null }>> {
  const text = await readFile(file, 'utf8');
  const rows = parseCsv(text);
  const header = rows.shift()?.map((h) => h.trim().toLowerCase()) ?? [];
  const fi = header.indexOf('file');
  if (fi < 0) throw new Error(`${file}: the manifest needs a header with a "file" column (file,unit,year)`);
  const out = new Map<string, { unit: string | null; year: number | null }>();
  for (const [i, r] of rows.entries()) {
    const f = r[fi]?.trim();
    if (!f) continue;
    const yearText = r[header.indexOf('year')]?.trim() ?? '';
    if (yearText && !/^\d{4}$/.test(yearText)) throw new Error(`${file}: line ${i + 2}: year "${yearText.slice(0, 20)}" is not a year`);
    out.set(resolve(isAbsolute(f) ? f : join(dirname(file), f)), { unit: r[header.indexOf('unit')]?.trim() || null, year: yearText ? Number(yearText) : null });
  }
  return out;
}

export interface Summary {
  imported: number;
  unchanged: number;
  failed: { source: string; code: string; reason: string }[];
  withRuleErrors: number;
  seconds: number;
}

/** Runs jobs a few at a time (parsing and storing overlap), with progress on stderr. */
export async function runJobs(ingestor: Ingestor, jobs: Job[], onResult: (job: Job, r: IngestOutcome) => void, concurrency = 4): Promise<Summary> {
  const started = performance.now();
  const summary: Summary = { imported: 0, unchanged: 0, failed: [], withRuleErrors: 0, seconds: 0 };
  let next = 0;
  let done = 0;
  const tty = process.stderr.isTTY;
  const progress = () => {
    const pct = jobs.length ? Math.floor((done / jobs.length) * 100) : 100;
    if (tty) {
      const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
      process.stderr.write(`\r[${bar}] ${done}/${jobs.length} ${pct}%${done === jobs.length ? '\n' : ''}`);
    } else if (done === jobs.length || done % Math.max(1, Math.floor(jobs.length / 10)) === 0) process.stderr.write(`${done}/${jobs.length}\n`);
  };
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as Job;
      let r: IngestOutcome;
      try {
        const { fileName, bytes } = await job.load();
        r = await ingestor.submit(fileName, bytes, job.hint);
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { code?: string };
        r = {
          status: 'failed',
          code: err.code && /^[A-Z_]+$/.test(err.code) ? err.code : 'READ_FAILED',
          reason: String(err.message ?? e).split('\n')[0] as string,
        };
      }
      if (r.status === 'failed') summary.failed.push({ source: job.source, code: r.code, reason: r.reason });
      else {
        summary[r.status]++;
        if (r.errors > 0) summary.withRuleErrors++;
      }
      onResult(job, r);
      done++;
      progress();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export function formatSummary(s: Summary, total: number): string {
  const lines = [
    `${total} 份：导入 ${s.imported}，未变 ${s.unchanged}，失败 ${s.failed.length}，其中有勾稽错误 ${s.withRuleErrors} 份（${s.seconds.toFixed(1)} 秒，${(total / Math.max(s.seconds, 0.001)).toFixed(0)} 份/秒）`,
    `${total} files: ${s.imported} imported, ${s.unchanged} unchanged, ${s.failed.length} failed, ${s.withRuleErrors} with rule errors`,
  ];
  for (const f of s.failed) lines.push(`  失败 ${f.source}: [${f.code}] ${f.reason}`);
  return lines.join('\n');
}

export function fileJob(path: string, hint?: Job['hint']): Job {
  return { source: path, hint, load: async () => ({ fileName: basename(path), bytes: new Uint8Array(await readFile(path)) }) };
}
