import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReport, UnreadableInputError } from '@gongkai/report-parser';
import type { ParsedReport } from '@gongkai/report-template';
import { formatFinding, formatSummary } from './summary.js';

const USAGE = `gongkai — 政府信息公开工作年度报告 parser

Usage:
  gongkai parse FILE... [--json]        read reports (text, HTML, MHTML, PDF, .docx, .doc, markdown)
  gongkai validate FILE [--previous FILE] [--json]
                                        check a report's consistency rules (勾稽关系)
  gongkai ingest PATH... [--county NAME] [--manifest CSV] [--override-unit REASON] [--json]
                                        store every report under PATH in the database, matched
                                        to the county's units by title (or by the manifest:
                                        file,unit,year); --override-unit files a report whose
                                        title names another body under the manifest's unit,
                                        with the reason in the audit log
  gongkai fetch --urls FILE [--county NAME] [--delay MS] [--retries N] [--timeout MS] [--json]
                                        download report pages (one address per line) and ingest them

ingest and fetch use DATABASE_URL, else the embedded database in GONGKAI_DATA_DIR (.data);
stop a running \`npm start\` first when it uses that embedded database.

parse: one file prints its canonical JSON (with provenance and findings) under --json;
several files print one JSON object per line (NDJSON) with a "file" field.
Exit codes: 0 read (rule errors included in findings) · 1 validate found errors, or
ingest/fetch could not store some files · 2 a file is not a readable report, or a usage error
(the reason is printed on stderr).`;

/** Each command's own help: what it does, its options, examples. */
const HELP: Record<string, string> = {
  parse: `gongkai parse FILE... [--json]

Reads reports (text, HTML, MHTML, PDF, .docx, .doc, markdown) and prints each one's tables and findings.
With --json, one file prints its canonical JSON (with provenance and findings); several files
print one JSON object per line (NDJSON) with a "file" field.

Examples:
  gongkai parse 淮源镇2023年报.pdf
  gongkai parse reports/*.html --json > reports.ndjson`,
  validate: `gongkai validate FILE [--previous FILE] [--json]

Checks a report's consistency rules (勾稽关系); with --previous, also the rules across years
(上年结转 = 上一年度结转下年度). Exit code 1 when a rule error is found.

Examples:
  gongkai validate 淮源镇2024.docx
  gongkai validate 淮源镇2024.docx --previous 淮源镇2023.docx --json`,
  ingest: `gongkai ingest PATH... [--county NAME] [--manifest CSV] [--override-unit REASON] [--json]

Stores every report file under PATH (files or folders) in the database, each matched to one of the
county's units by the body its title names. Reports whose title names no unit of the county, or
another body than the manifest says, are refused and listed; the rest are stored.

Options:
  --county NAME            the county (name or 行政区划代码) whose units the reports belong to;
                           needed only when the database holds several counties
  --manifest CSV           file,unit,year per line: which unit and year each file is for
  --override-unit REASON   file a report whose title names another body under the manifest's
                           unit anyway, with REASON in the audit log
  --json                   one JSON line per file (stored, unchanged or refused, with the code)

Uses DATABASE_URL, else the embedded database in GONGKAI_DATA_DIR (.data); stop a running
\`npm start\` first when it uses that embedded database.

Examples:
  gongkai ingest ./reports/2024 --county 桐柏县
  gongkai ingest ./scans --manifest manifest.csv --override-unit "机构改革后由程湾镇报送"
  DATABASE_URL=postgres://gongkai@db/gongkai gongkai ingest ./reports --json`,
  fetch: `gongkai fetch --urls FILE [--county NAME] [--delay MS] [--retries N] [--timeout MS] [--json]

Downloads report pages (one address per line in FILE, # for comments) and ingests them as
\`gongkai ingest\` does. Polite by default: one request at a time per host, with a pause between them.

Options:
  --urls FILE      the addresses, one per line
  --county NAME    the county (name or 行政区划代码), as for ingest
  --delay MS       pause between requests
  --retries N      tries per address on network errors and 5xx answers
  --timeout MS     give up on one address after this long
  --json           one JSON line per address

Examples:
  gongkai fetch --urls 桐柏县2024年报地址.txt --county 桐柏县
  gongkai fetch --urls urls.txt --delay 2000 --retries 3 --json > fetched.ndjson`,
};

/** Why a file could not be read, as one line; never a stack trace. */
function reason(e: unknown): { code: string; message: string } {
  if (e instanceof UnreadableInputError) return { code: e.code, message: e.message };
  // A parse stopped by the worker pool's time or memory limit.
  if (e instanceof Error && e.name === 'ParseLimitError') return { code: (e as Error & { reason: string }).reason, message: e.message };
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return { code: 'file.notFound', message: '文件不存在 (no such file)' };
  if (err?.code === 'EISDIR') return { code: 'file.isDirectory', message: '这是一个目录，不是文件 (is a directory)' };
  if (err?.code === 'EACCES') return { code: 'file.noAccess', message: '没有读取权限 (permission denied)' };
  return { code: 'internal', message: `读取失败 (${String(err?.message ?? e).split('\n')[0]})` };
}

async function load(file: string, previous?: ParsedReport | null, pending?: Promise<Uint8Array>): Promise<ParsedReport> {
  const bytes = await (pending ?? readBytes(file));
  return parseReport(bytes, basename(file), { previous: previous ?? null });
}

async function readBytes(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file));
}

/** Reads run ahead of parsing so the disk and the parser overlap. */
const READ_AHEAD = 8;

function progress(done: number, total: number) {
  if (total < 20) return;
  if (process.stderr.isTTY) process.stderr.write(`\r解析中 parsing ${done}/${total}${done === total ? '\n' : ''}`);
  else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) process.stderr.write(`parsed ${done}/${total}\n`);
}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        previous: { type: 'string' },
        county: { type: 'string' },
        manifest: { type: 'string' },
        'override-unit': { type: 'string' },
        urls: { type: 'string' },
        delay: { type: 'string' },
        retries: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`gongkai: ${(e as Error).message.split('.')[0]} (see gongkai --help)\n`);
    return 2;
  }
  const [command, ...files] = args.positionals;
  const json = Boolean(args.values.json);
  if (args.values.help && command && HELP[command]) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  if (command === 'help' && files[0] && HELP[files[0]]) {
    process.stdout.write(`${HELP[files[0]]}\n`);
    return 0;
  }
  if (args.values.help || !command || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command || args.values.help ? 0 : 2;
  }
  if (command === 'parse') return parseCommand(files, json);
  if (command === 'validate') return validateCommand(files, json, args.values.previous as string | undefined);
  if (command === 'ingest' || command === 'fetch') return ingestCommand(command, files, args.values as Record<string, string | boolean | undefined>);
  process.stderr.write(`gongkai: unknown command "${command}" (see gongkai --help)\n`);
  return 2;
}

async function parseCommand(files: string[], json: boolean): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('gongkai parse: name at least one FILE\n');
    return 2;
  }
  // Several files are parsed in worker threads (every core, each parse under a time and memory
  // limit); one file is parsed here, which starts faster.
  let pool: import('@gongkai/api/parse-pool').ParsePool | null = null;
  if (files.length > 1) {
    const { ParsePool, parsePoolSettings } = await import('@gongkai/api/parse-pool');
    const settings = parsePoolSettings(process.env);
    if (settings.problems.length > 0) {
      process.stderr.write(`gongkai parse: ${settings.problems.join('; ')}\n`);
      return 2;
    }
    pool = new ParsePool(settings.options);
  }
  const parseOne = async (file: string, bytes: Promise<Uint8Array>): Promise<ParsedReport> =>
    pool ? pool.parse(await bytes, basename(file)) : load(file, null, bytes);
  let status = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length > 0) process.stdout.write(out.join(''));
    out.length = 0;
  };
  // Reads and parses run ahead of the output, which keeps the files' order.
  const ahead = pool ? Math.max(READ_AHEAD, pool.size * 4) : 1;
  const started = new Map<number, Promise<ParsedReport>>();
  const start = (i: number) => {
    const f = files[i];
    if (f === undefined || started.has(i)) return;
    const p = parseOne(f, readBytes(f));
    p.catch(() => {}); // surfaced when awaited
    started.set(i, p);
  };
  try {
    for (const [i, file] of files.entries()) {
      for (let k = i; k < i + ahead; k++) start(k);
      const pending = started.get(i) as Promise<ParsedReport>;
      started.delete(i);
      try {
        const report = await pending;
        if (json) out.push(files.length === 1 ? `${JSON.stringify(report, null, 2)}\n` : `${JSON.stringify({ file, ...report })}\n`);
        else out.push(`${formatSummary(report, files.length > 1 ? file : undefined)}\n\n`);
      } catch (e) {
        const r = reason(e);
        status = 2;
        process.stderr.write(`gongkai: ${file}: ${r.message}\n`);
        if (json && files.length > 1) out.push(`${JSON.stringify({ file, error: r })}\n`);
      }
      if (out.length >= 64) flush();
      progress(i + 1, files.length);
    }
    flush();
  } finally {
    await pool?.close();
  }
  return status;
}

async function validateCommand(files: string[], json: boolean, previousFile?: string): Promise<number> {
  if (files.length !== 1) {
    process.stderr.write('gongkai validate: name exactly one FILE\n');
    return 2;
  }
  const file = files[0] as string;
  let previous: ParsedReport | null = null;
  if (previousFile) {
    try {
      previous = await load(previousFile);
    } catch (e) {
      process.stderr.write(`gongkai: ${previousFile}: ${reason(e).message}\n`);
      return 2;
    }
  }
  let report: ParsedReport;
  try {
    report = await load(file, previous);
  } catch (e) {
    process.stderr.write(`gongkai: ${file}: ${reason(e).message}\n`);
    return 2;
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  if (json) process.stdout.write(`${JSON.stringify({ file, organ: report.organ, year: report.year, findings: report.findings }, null, 2)}\n`);
  else {
    process.stdout.write(`${file}: ${report.organ ?? '?'} ${report.year ?? '?'} — ${errors} 个错误, ${report.findings.length - errors} 个其他发现\n`);
    for (const f of report.findings) process.stdout.write(`  ${formatFinding(f)}\n`);
  }
  return errors > 0 ? 1 : 0;
}

function intOption(values: Record<string, string | boolean | undefined>, name: string, def: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

class UsageError extends Error {}

async function ingestCommand(command: 'ingest' | 'fetch', paths: string[], values: Record<string, string | boolean | undefined>): Promise<number> {
  const { collectFiles, fileJob, formatSummary: summaryText, readManifest, runJobs } = await import('./ingest.js');
  const { parseUrlList, urlJob } = await import('./fetch.js');
  const json = Boolean(values.json);
  let jobs: import('./ingest.js').Job[] = [];
  let skippedCount = 0;
  let config: import('@gongkai/api').AppConfig;
  try {
    const { loadConfig } = await import('@gongkai/api');
    config = loadConfig();
    if (command === 'ingest') {
      if (paths.length === 0) throw new UsageError('name at least one file or folder');
      const manifest = typeof values.manifest === 'string' ? await readManifest(values.manifest) : new Map();
      const { files, skipped } = await collectFiles(paths);
      skippedCount = skipped.length;
      const { resolve } = await import('node:path');
      const override = values['override-unit'];
      if (override !== undefined && (typeof override !== 'string' || !override.trim())) throw new UsageError('--override-unit needs a reason');
      const overrideUnit = typeof override === 'string' ? { reason: override } : null;
      jobs = files.map((f) => fileJob(f, { ...manifest.get(resolve(f)), overrideUnit }));
    } else {
      if (typeof values.urls !== 'string') throw new UsageError('give the list of addresses with --urls FILE');
      const opts = {
        timeoutMs: intOption(values, 'timeout', 15_000, 100, 300_000),
        retries: intOption(values, 'retries', 3, 0, 10),
        delayMs: intOption(values, 'delay', 1_000, 0, 60_000),
        maxBytes: config.maxUploadBytes,
      };
      const { urls, bad } = parseUrlList(await readFile(values.urls, 'utf8'));
      for (const b of bad) process.stderr.write(`gongkai: not an http(s) address, skipped: ${b.slice(0, 200)}\n`);
      jobs = urls.map((u) => urlJob(u, opts));
    }
  } catch (e) {
    const err = e as Error & { code?: string; problems?: string[] };
    process.stderr.write(
      `gongkai ${command}: ${err instanceof UsageError ? err.message : err.problems ? err.message.replace(/\n/g, '; ') : err.code === 'ENOENT' ? `no such file: ${(err as NodeJS.ErrnoException).path}` : err.message}\n`,
    );
    return 2;
  }
  const { openIngestor } = await import('@gongkai/api');
  let ingestor: Awaited<ReturnType<typeof openIngestor>>;
  try {
    ingestor = await openIngestor(config, typeof values.county === 'string' ? values.county : null);
  } catch (e) {
    process.stderr.write(`gongkai ${command}: ${(e as Error).message}\n`);
    return 2;
  }
  if (skippedCount) process.stderr.write(`skipped ${skippedCount} file(s) that are not reports by their extension\n`);
  try {
    // Enough files in flight to keep every parse worker busy while others are stored.
    const concurrency = Math.max(4, 2 * config.parse.size);
    const summary = await runJobs(
      ingestor,
      jobs,
      (job, r) => {
        if (json) process.stdout.write(`${JSON.stringify({ source: job.source, ...r })}\n`);
      },
      concurrency,
    );
    if (json)
      process.stdout.write(
        `${JSON.stringify({ summary: { total: jobs.length, imported: summary.imported, unchanged: summary.unchanged, failed: summary.failed.length, withRuleErrors: summary.withRuleErrors, seconds: summary.seconds } })}\n`,
      );
    else process.stdout.write(`${summaryText(summary, jobs.length)}\n`);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await ingestor.close();
  }
}
