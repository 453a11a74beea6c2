import 'reflect-metadata';
import { join } from 'node:path';
import { UnreadableInputError } from '@gongkai/report-parser';
import { organMatches } from '@gongkai/report-template';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, In } from 'typeorm';
import { CoreModule } from './app.module.js';
import type { Actor } from './common/access/actor.js';
import { AppError } from './common/errors.js';
import type { AppConfig } from './config/config.js';
import { type EmbeddedDb, startEmbeddedPostgres } from './database/embedded.js';
import { Jurisdiction } from './modules/jurisdictions/jurisdiction.entity.js';
import { REPORTING_KINDS } from './modules/jurisdictions/jurisdictions.service.js';
import { ReportReader } from './modules/reports/report-reader.js';
import { SubmissionsService } from './modules/reports/submissions.service.js';
import { freePort, migrate } from './server.js';

export type IngestOutcome =
  | { status: 'imported' | 'unchanged'; unit: string; year: number; version: number; errors: number }
  | { status: 'failed'; code: string; reason: string };

export interface Ingestor {
  county: Jurisdiction;
  /** Reads, matches to a unit of the county, and submits one file through the API's own service. */
  submit(
    fileName: string,
    bytes: Uint8Array,
    hint?: { unit?: string | null; year?: number | null; overrideUnit?: { reason: string } | null },
  ): Promise<IngestOutcome>;
  close(): Promise<void>;
}

/**
 * Opens the product's services without an HTTP server, for `gongkai ingest` and `gongkai fetch`.
 * Submissions run as the county's office (an admin of that county) and land in the audit log as such.
 */
export async function openIngestor(config: AppConfig, countyName: string | null): Promise<Ingestor> {
  Logger.overrideLogger(['error', 'fatal']);
  let embedded: EmbeddedDb | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), await freePort());
    } catch (e) {
      throw new AppError('BAD_INPUT', `无法打开内置数据库：${(e as Error).message}。若 Gongkai 正在运行，请先停止它，或设置 DATABASE_URL`);
    }
    databaseUrl = embedded.url;
  }
  let ctx: INestApplicationContext | null = null;
  try {
    await migrate(databaseUrl);
    ctx = await NestFactory.createApplicationContext(CoreModule.forRoot(config, databaseUrl), { logger: ['error', 'fatal'] });
    const db = ctx.get(DataSource);
    const counties = countyName
      ? await db.getRepository(Jurisdiction).find({ where: [{ name: countyName }, { code: countyName }] })
      : await db.getRepository(Jurisdiction).find({ where: { kind: 'county' }, take: 2 });
    if (counties.length !== 1) {
      if (!countyName) throw new AppError('BAD_INPUT', '数据库中有多个县，请用 --county 指明 (several counties: name one with --county)');
      throw new AppError('NOT_FOUND', counties.length ? `“${countyName}”有重名，请用行政区划代码` : `没有名为“${countyName}”的县 (unknown county)`);
    }
    const county = counties[0] as Jurisdiction;
    const units = await db
      .getRepository(Jurisdiction)
      .createQueryBuilder('j')
      .where('(j.path LIKE :p OR j.id = :id)', { p: `${county.path}.%`, id: county.id })
      .andWhere('j.kind IN (:...kinds)', { kinds: REPORTING_KINDS })
      .getMany();
    // The county and the places above it: a title's address must not contradict them.
    const above = (await db.getRepository(Jurisdiction).findBy({ id: In(county.path.split('.').map(Number)) })).sort((a, b) => a.path.length - b.path.length);
    const ancestors = above.map((a) => a.name);
    const actor: Actor = { id: null, username: `ingest:${county.name}`, role: 'admin', jurisdictionId: county.id, jurisdictionPath: county.path };
    const submissions = ctx.get(SubmissionsService);
    const reader = ctx.get(ReportReader);

    const pick = (name: string, year: number | null): Jurisdiction | null => {
      const found = units.filter(
        (u) => organMatches(name, u.name, ancestors) && (year === null || ((u.validFrom ?? 0) <= year && (u.validTo ?? 9999) >= year)),
      );
      return found.length === 1 ? (found[0] as Jurisdiction) : null;
    };
    return {
      county,
      async submit(fileName, bytes, hint = {}) {
        try {
          let unitName = hint.unit ?? null;
          let year = hint.year ?? null;
          const parsed = await reader.read(fileName, bytes);
          unitName ??= parsed.organ;
          year ??= parsed.year;
          if (!unitName) return { status: 'failed', code: 'WRONG_UNIT', reason: '标题中没有机关名称，请在清单中指明单位 (no body named in the title)' };
          const unit = pick(unitName, year);
          if (!unit) return { status: 'failed', code: 'WRONG_UNIT', reason: `${county.name}没有名为“${unitName}”的单位 (unknown unit)` };
          const r = await submissions.submit(actor, { jurisdictionId: unit.id, year, fileName, bytes, parsed, overrideUnit: hint.overrideUnit ?? null });
          const errors = (await submissions.errorCount(r.version.id)) ?? 0;
          return { status: r.created ? 'imported' : 'unchanged', unit: unit.name, year: r.report.year, version: r.version.version, errors };
        } catch (e) {
          if (e instanceof AppError) return { status: 'failed', code: e.code, reason: e.message };
          if (e instanceof UnreadableInputError) return { status: 'failed', code: 'UNREADABLE_REPORT', reason: e.message };
          return { status: 'failed', code: 'INTERNAL', reason: String((e as Error).message ?? e).split('\n')[0] as string };
        }
      },
      async close() {
        await ctx?.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await ctx?.close();
    await embedded?.stop();
    throw e;
  }
}
