import { METRICS, METRICS_VERSION } from '@gongkai/report-template';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource, In } from 'typeorm';
import { csvField } from '../../common/csv.js';
import { AppError } from '../../common/errors.js';
import { parseId, parseYear } from '../../common/ids.js';
import { toXlsx } from '../../common/xlsx.js';
import { AuthService } from '../auth/auth.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { FIGURE_PATHS } from '../reports/figures.entity.js';
import { AnalyticsService, GROUP_DIMENSIONS, type GroupDimension } from './analytics.service.js';

const list = (v: unknown) =>
  typeof v === 'string' && v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/**
 * `GET /api/export/metrics.csv?metrics=…&under=…&kinds=…&years=…&groupBy=…&orderBy=metric:DESC`:
 * the rows of the `metrics` query with the same arguments, as UTF-8 CSV (with BOM for Excel),
 * the applied scope, years and 口径 version written at the top.
 */
@Controller('api/export')
export class AnalyticsController {
  constructor(
    private readonly auth: AuthService,
    private readonly analytics: AnalyticsService,
    private readonly db: DataSource,
  ) {}

  @Get('metrics.csv')
  async metricsCsv(@Req() req: Request, @Query() q: Record<string, string>, @Res() res: Response) {
    const { head, cols, rows } = await this.metricsTable(req, q);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="gongkai-metrics.csv"');
    res.send(`\uFEFF${[...head, cols.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`);
  }

  /** The same table as metrics.csv, as an Excel workbook (the header lines first). */
  @Get('metrics.xlsx')
  async metricsXlsx(@Req() req: Request, @Query() q: Record<string, string>, @Res() res: Response) {
    const { head, cols, rows } = await this.metricsTable(req, q);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="gongkai-metrics.xlsx"');
    res.send(Buffer.from(toXlsx([...head.map((h) => [h.replace(/^# /, '')]), cols, ...rows], '指标 metrics')));
  }

  /**
   * Every published report of a scope (optionally some years), one row each, every canonical
   * cell a column: `GET /api/export/reports.csv?under=…&years=…`.
   */
  @Get('reports.csv')
  async reportsCsv(@Req() req: Request, @Query() q: Record<string, string>, @Res() res: Response) {
    const actor = await this.auth.actorFor(req.headers.authorization);
    const under = parseId(q.under, 'under');
    const years = list(q.years).map((y) => parseYear(y, 'years'));
    const rows = await this.analytics.publishedFigures(actor, under, years);
    const cols = ['unit_id', 'unit', 'code', 'kind', 'year', 'version', 'synthetic', 'published_date', ...FIGURE_PATHS];
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="gongkai-reports.csv"');
    const head = [`# Gongkai 已发布报告 published reports`, `# 口径版本 metrics version: ${METRICS_VERSION}`];
    res.send(`\uFEFF${[...head, cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(','))].join('\r\n')}\r\n`);
  }

  private async metricsTable(req: Request, q: Record<string, string>) {
    const actor = await this.auth.actorFor(req.headers.authorization);
    const groupBy = list(q.groupBy) as GroupDimension[];
    for (const g of groupBy) if (!GROUP_DIMENSIONS.includes(g)) throw new AppError('BAD_INPUT', `groupBy 只能是 ${GROUP_DIMENSIONS.join('、')}`);
    const years = list(q.years).map((y) => parseYear(y, 'years'));
    const [metric, direction] = (q.orderBy ?? '').split(':');
    const under = q.under ? parseId(q.under, 'under') : null;
    const rows = await this.analytics.rows(actor, {
      metrics: list(q.metrics),
      under,
      units: list(q.units).map((u) => parseId(u, 'units')),
      kinds: list(q.kinds),
      years,
      groupBy,
      orderBy: metric ? { metric, direction: direction === 'ASC' ? 'ASC' : 'DESC' } : null,
      includeUnpublished: q.includeUnpublished === 'true',
    });
    const ids = [...new Set(rows.flatMap((r) => [r.unitId, r.parentId]).filter((x): x is number => x !== null))];
    const units = new Map((ids.length ? await this.db.getRepository(Jurisdiction).findBy({ id: In(ids) }) : []).map((u) => [u.id, u]));
    const scopeName = under ? ((await this.db.getRepository(Jurisdiction).findOne({ where: { id: under } }))?.name ?? String(under)) : '全部';
    const head = [
      `# Gongkai 指标导出 metrics export`,
      `# 范围 scope: ${scopeName}${q.kinds ? `; 类型 kinds: ${q.kinds}` : ''}${q.units ? `; 单位 units: ${q.units}` : ''}`,
      `# 年份 years: ${years.length ? years.join(',') : '全部 all'}`,
      `# 口径版本 metrics version: ${METRICS_VERSION}; ${q.includeUnpublished === 'true' ? '含未发布 including unpublished' : '仅已发布 published only'}`,
    ];
    const cols = [
      'metric',
      'metric_zh',
      'year',
      'unit_id',
      'unit',
      'parent_id',
      'parent',
      'kind',
      'value',
      'numerator',
      'denominator',
      'small_sample',
      'ci_low',
      'ci_high',
      'reports',
    ];
    const table = rows.map((r) => [
      r.metric,
      METRICS.get(r.metric)?.zh,
      r.year,
      r.unitId,
      r.unitId ? units.get(r.unitId)?.name : '',
      r.parentId,
      r.parentId ? units.get(r.parentId)?.name : '',
      r.kind,
      r.value,
      r.numerator,
      r.denominator,
      r.smallSample,
      r.low,
      r.high,
      r.reports,
    ]);
    return { head, cols, rows: table };
  }
}
