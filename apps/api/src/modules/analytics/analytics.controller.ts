import { csvField } from '@gongkai/csv';
import { METRICS, METRICS_VERSION } from '@gongkai/report-template';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { parseId } from '../../common/ids.js';
import { toXlsx } from '../../common/xlsx.js';
import { AuthService } from '../auth/auth.service.js';
import { JURISDICTION_KINDS, Jurisdiction, type JurisdictionKind } from '../jurisdictions/jurisdiction.entity.js';
import { FIGURE_PATHS } from '../published/figure-columns.js';
import { AnalyticsService } from './analytics.service.js';
import { GROUP_DIMENSIONS, type GroupDimension } from './metrics-sql.js';

/**
 * Export parameters are checked one by one before anything is computed or written: an unknown
 * name or value is a 400 `BAD_INPUT` naming it, never text copied into the file (a header line
 * with a CR LF in it, or a cell starting with `=`, is a formula waiting in a spreadsheet).
 */
const MAX_LIST = 200;
const shown = (v: string) => JSON.stringify(v.slice(0, 40));

function bad(name: string, v: string, what: string): never {
  throw new AppError('BAD_INPUT', `参数 ${name} 的值 ${shown(v)} 无效：应为${what} (invalid ${name})`, { parameter: name });
}

/** One value per parameter (`?a=1&a=2` is refused), absent as undefined. */
function single(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new AppError('BAD_INPUT', `参数 ${name} 只能给一次 (give ${name} once)`, { parameter: name });
  return v;
}

function list(q: Record<string, unknown>, name: string): string[] {
  const v = single(q, name);
  if (v === undefined || v === '') return [];
  const items = v.split(',').map((s) => s.trim());
  if (items.length > MAX_LIST) throw new AppError('BAD_INPUT', `参数 ${name} 最多 ${MAX_LIST} 项 (too many values)`, { parameter: name });
  return items;
}

function years(q: Record<string, unknown>): number[] {
  return list(q, 'years').map((y) => {
    if (!/^\d{4}$/.test(y) || Number(y) < 2008 || Number(y) > 2100) bad('years', y, ' 2008–2100 之间的年份，逗号分隔');
    return Number(y);
  });
}

function idList(q: Record<string, unknown>, name: string): number[] {
  return list(q, name).map((u) => {
    if (!/^[1-9]\d{0,9}$/.test(u)) bad(name, u, '正整数编号，逗号分隔');
    return parseId(u, name);
  });
}

function allowOnly(q: Record<string, unknown>, names: string[]) {
  for (const k of Object.keys(q))
    if (!names.includes(k))
      throw new AppError('BAD_INPUT', `未知参数 ${shown(k)}；可用：${names.join(', ')} (unknown parameter)`, { parameter: k.slice(0, 40) });
}

/** A header line of the file: one line, whatever it quotes. */
const headLine = (s: string) => s.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

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
  async metricsCsv(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const { head, cols, rows } = await this.metricsTable(req, q);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="gongkai-metrics.csv"');
    res.send(`\uFEFF${[...head, cols.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`);
  }

  /** The same table as metrics.csv, as an Excel workbook (the header lines first). */
  @Get('metrics.xlsx')
  async metricsXlsx(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response) {
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
  async reportsCsv(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response) {
    allowOnly(q, ['under', 'years']);
    const actor = await this.auth.actorFor(req.headers.authorization);
    const under = parseId(single(q, 'under'), 'under');
    const rows = await this.analytics.publishedFigures(actor, under, years(q));
    const cols = ['unit_id', 'unit', 'code', 'kind', 'year', 'version', 'synthetic', 'published_date', ...FIGURE_PATHS];
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="gongkai-reports.csv"');
    const head = [`# Gongkai 已发布报告 published reports`, `# 口径版本 metrics version: ${METRICS_VERSION}`];
    res.send(`\uFEFF${[...head, cols.join(','), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(','))].join('\r\n')}\r\n`);
  }

  private async metricsTable(req: Request, q: Record<string, unknown>) {
    allowOnly(q, ['metrics', 'under', 'units', 'kinds', 'years', 'groupBy', 'orderBy', 'includeUnpublished']);
    const metrics = list(q, 'metrics');
    if (metrics.length === 0) throw new AppError('BAD_INPUT', '参数 metrics 必填：逗号分隔的指标 (metrics is required)', { parameter: 'metrics' });
    for (const m of metrics) if (!METRICS.has(m)) bad('metrics', m, '已知指标（见 docs/metrics.md）');
    const groupBy = list(q, 'groupBy').map((g) =>
      GROUP_DIMENSIONS.includes(g as GroupDimension) ? (g as GroupDimension) : bad('groupBy', g, GROUP_DIMENSIONS.join('、')),
    );
    const kinds = list(q, 'kinds').map((k) => (JURISDICTION_KINDS.includes(k as JurisdictionKind) ? k : bad('kinds', k, JURISDICTION_KINDS.join('、'))));
    const yearList = years(q);
    const unitIds = idList(q, 'units');
    const underText = single(q, 'under');
    const under = underText ? parseId(underText, 'under') : null;
    const orderText = single(q, 'orderBy');
    let orderBy: { metric: string; direction: 'ASC' | 'DESC' } | null = null;
    if (orderText) {
      const m = /^([\w.]+)(?::(ASC|DESC))?$/.exec(orderText);
      if (!m || !metrics.includes(m[1] as string)) bad('orderBy', orderText, '所选指标之一，可加 :ASC 或 :DESC');
      orderBy = { metric: m[1] as string, direction: m[2] === 'ASC' ? 'ASC' : 'DESC' };
    }
    const unpublishedText = single(q, 'includeUnpublished');
    if (unpublishedText !== undefined && unpublishedText !== 'true' && unpublishedText !== 'false')
      bad('includeUnpublished', unpublishedText, ' true 或 false');
    const includeUnpublished = unpublishedText === 'true';
    const actor = await this.auth.actorFor(req.headers.authorization);
    const rows = await this.analytics.rows(actor, { metrics, under, units: unitIds, kinds, years: yearList, groupBy, orderBy, includeUnpublished });
    const ids = [...new Set(rows.flatMap((r) => [r.unitId, r.parentId]).filter((x): x is number => x !== null))];
    const units = new Map((ids.length ? await this.db.getRepository(Jurisdiction).findBy({ id: In(ids) }) : []).map((u) => [u.id, u]));
    // A row per unit names the unit's parent and kind too, not only rows grouped by them.
    const parentIds = [...units.values()].map((u) => u.parentId).filter((x): x is number => x !== null && !units.has(x));
    for (const u of parentIds.length ? await this.db.getRepository(Jurisdiction).findBy({ id: In(parentIds) }) : []) units.set(u.id, u);
    const parentOf = (r: { unitId: number | null; parentId: number | null }) => r.parentId ?? (r.unitId ? (units.get(r.unitId)?.parentId ?? null) : null);
    const scopeName = under ? ((await this.db.getRepository(Jurisdiction).findOne({ where: { id: under } }))?.name ?? String(under)) : '全部';
    const head = [
      `# Gongkai 指标导出 metrics export`,
      `# 范围 scope: ${scopeName}${kinds.length ? `; 类型 kinds: ${kinds.join(',')}` : ''}${unitIds.length ? `; 单位 units: ${unitIds.join(',')}` : ''}`,
      `# 年份 years: ${yearList.length ? yearList.join(',') : '全部 all'}`,
      `# 口径版本 metrics version: ${METRICS_VERSION}; ${includeUnpublished ? '含未发布 including unpublished' : '仅已发布 published only'}`,
    ].map(headLine);
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
      parentOf(r),
      parentOf(r) ? units.get(parentOf(r) as number)?.name : '',
      r.kind ?? (r.unitId ? units.get(r.unitId)?.kind : ''),
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
