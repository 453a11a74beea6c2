import { UnreadableInputError } from '@gongkai/report-parser';
import { type CanonicalReport, formatOfFileName, type ParsedReport } from '@gongkai/report-template';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors.js';
import { findNul } from '../../common/input-guard.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Metrics } from '../../observability/metrics.js';
import { ParseLimitError, ParsePool } from '../../parsing/pool.js';

/** Reads a file as a report through the parse pool, or says clearly why it cannot; stores nothing. */
@Injectable()
export class ReportReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pool: ParsePool,
    private readonly metrics: Metrics,
  ) {}

  get maxBytes(): number {
    return this.config.maxUploadBytes;
  }

  async read(fileName: string, bytes: Uint8Array, previous: CanonicalReport | null = null): Promise<ParsedReport> {
    if (bytes.length > this.config.maxUploadBytes) {
      throw new AppError('TOO_LARGE', `文件 ${(bytes.length / 1048576).toFixed(1)} MB，超过上限 ${this.config.maxUploadBytes / 1048576} MB (file too large)`);
    }
    const name = sanitizeFileName(fileName);
    const started = process.hrtime.bigint();
    const took = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // Off the event loop, under the pool's time and memory limits.
      const parsed = await this.pool.parse(bytes, name, { previous, maxTextBytes: this.config.maxUploadBytes, maxBinaryBytes: this.config.maxUploadBytes });
      // Text, PDF and Word can all carry a NUL, which PostgreSQL cannot store: refuse it here, for every format and path.
      const at = findNul(parsed, 'report');
      if (at)
        throw new AppError('UNREADABLE_REPORT', `报告文字含 NUL 空字符（${at.slice(0, 80)}），请重新导出文件后再提交 (NUL character in the report text)`, {
          reason: 'input.nul',
        });
      this.metrics.parseDuration.observe({ format: parsed.source.format, outcome: 'ok' }, took());
      return parsed;
    } catch (e) {
      const format = formatOfFileName(name) ?? 'unknown';
      if (e instanceof UnreadableInputError) {
        this.metrics.parseDuration.observe({ format, outcome: 'unreadable' }, took());
        throw new AppError('UNREADABLE_REPORT', e.message, { reason: e.code });
      }
      if (e instanceof ParseLimitError) {
        this.metrics.parseDuration.observe({ format, outcome: 'limit' }, took());
        throw new AppError('UNREADABLE_REPORT', e.message, { reason: e.reason });
      }
      throw e;
    }
  }
}

/** Keeps the base name, drops control and path characters, bounds the length. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // Format characters include the bidi overrides that make `exe.html` look like `lmth.exe`.
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'report';
}
