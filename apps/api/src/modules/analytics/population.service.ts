import { parseCsv } from '@gongkai/csv';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, within } from '../../common/access/actor.js';
import { deny } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { bumpDataVersion } from '../published/data-version.js';

/** Resident population per unit and year, the denominator of per-10,000-residents metrics. */
@Injectable()
export class PopulationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Imports `unit,year,population` rows (unit by code or name, within the admin's county), all
   * or none; the import, or its refusal and why, goes to the audit log.
   */
  async importPopulation(actor: Actor, csv: string): Promise<number> {
    try {
      return await this.importRows(actor, csv);
    } catch (e) {
      if (e instanceof AppError) await this.audit.refused(actor, 'population.import', 'jurisdiction', actor.jurisdictionId ?? 0, e, { bytes: csv.length });
      throw e;
    }
  }

  private async importRows(actor: Actor, csv: string): Promise<number> {
    if (actor.role !== 'admin' || !actor.jurisdictionPath) deny('导入人口数据');
    if (csv.length > 2 * 1024 * 1024) throw new AppError('TOO_LARGE', 'CSV 超过 2 MB');
    const rows = parseCsv(csv);
    const header = rows.shift()?.map((h) => h.trim().toLowerCase()) ?? [];
    const [ui, yi, pi] = ['unit', 'year', 'population'].map((h) => header.indexOf(h));
    if (ui === undefined || yi === undefined || pi === undefined || ui < 0 || yi < 0 || pi < 0)
      throw new AppError('BAD_INPUT', 'CSV 表头应为 unit,year,population');
    return this.db.transaction(async (m) => {
      await bumpDataVersion(m); // per-capita answers change with the population
      let n = 0;
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const ref = (r[ui] ?? '').trim();
        const year = Number((r[yi] ?? '').trim());
        const population = Number((r[pi] ?? '').trim());
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：年份无效`, { line });
        if (!Number.isInteger(population) || population <= 0 || population > 2_000_000_000)
          throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：人口应为正整数`, { line });
        const units = await m.getRepository(Jurisdiction).find({ where: [{ code: ref }, { name: ref }] });
        const mine = units.filter((u) => within(u.path, actor.jurisdictionPath));
        if (mine.length !== 1) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：本县没有${mine.length ? '唯一的' : ''}单位“${ref.slice(0, 40)}”`, { line });
        await m.query(
          'INSERT INTO unit_population ("jurisdictionId", year, population) VALUES ($1, $2, $3) ON CONFLICT ("jurisdictionId", year) DO UPDATE SET population = EXCLUDED.population',
          [(mine[0] as Jurisdiction).id, year, population],
        );
        n++;
      }
      await this.audit.record(m, actor, 'population.import', 'jurisdiction', actor.jurisdictionId ?? 0, { rows: n });
      return n;
    });
  }
}
