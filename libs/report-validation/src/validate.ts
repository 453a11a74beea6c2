import {
  APPLICANT_COLUMNS,
  APPLICANT_ROW_TOTAL,
  APPLICATION_ROWS,
  APPLICATIONS_BALANCE,
  APPLICATIONS_OUTCOME_SUM,
  type ApplicantKey,
  type ApplicationRowKey,
  type CanonicalReport,
  type Cell,
  type CellPath,
  cellLabel,
  cellPaths,
  type Finding,
  getCell,
  getPath,
  OTHER_HANDLING_PARTS,
  REFUSING_RULES,
  REVIEW_GROUP_TOTAL,
  REVIEW_GROUPS,
  RULES,
  type RuleId,
} from '@gongkai/report-template';
import { textFigures } from './text-figures.js';

export type UnitKind = 'township' | 'street' | 'department' | 'government' | 'unknown';

export interface ValidateOptions {
  /** The same body's report for the previous year, for the cross-year rules. */
  previous?: CanonicalReport | null;
  /** What kind of body reported; inferred from the organ name when absent. */
  unitKind?: UnitKind;
  /**
   * Cells the reader could not read (left blank by a refusing parse finding). They are no printed
   * blanks: not counted as 0, and a rule that would need one says nothing.
   */
  unread?: ReadonlySet<string>;
}

export function unitKindFromName(organ: string | null | undefined): UnitKind {
  if (!organ) return 'unknown';
  if (/街道(办事处)?$/.test(organ)) return 'street';
  if (/[镇乡](人民政府)?$/.test(organ)) return 'township';
  if (/[县区市州省盟旗]人民政府$/.test(organ)) return 'government';
  if (/(局|委员会|办公室|中心|委|办|院|队|所)$/.test(organ)) return 'department';
  return 'unknown';
}

const v = (c: Cell): number => c ?? 0;

function finding(rule: RuleId, message: string, cells: string[], expected?: number, found?: number | null): Finding {
  const f: Finding = { rule, severity: RULES[rule].severity, message, cells };
  if (expected !== undefined) f.expected = expected;
  if (found !== undefined) f.found = found;
  return f;
}

/** Every consistency rule of report-data.md over one report (and its predecessor when given). */
export function validateReport(report: CanonicalReport, options: ValidateOptions = {}): Finding[] {
  const out: Finding[] = [];
  const version = report.templateVersion;
  const unread = options.unread !== undefined && options.unread.size > 0 ? options.unread : null;
  const rows = APPLICATION_ROWS.filter((r) => r.versions.includes(version));
  const cell = (path: CellPath) => getCell(report, path);
  // Rows are looked up once; building `applications.${row}.${col}` strings per cell was the hot path.
  const rowCache = new Map<string, Record<string, Cell>>();
  const rowOf = (row: string): Record<string, Cell> => {
    let r = rowCache.get(row);
    if (!r) rowCache.set(row, (r = (getPath(report.applications, row) as Record<string, Cell> | undefined) ?? {}));
    return r;
  };
  const app = (row: ApplicationRowKey, col: ApplicantKey): Cell => {
    const value = rowOf(row)[col];
    return typeof value === 'number' ? value : null;
  };

  const blanks: CellPath[] = [];
  const hasParts = hasOtherHandlingParts(report);
  for (const group of cellChecks(version)) {
    // Each row's object is found once; then a cell is one property of it.
    let parent: unknown = report;
    for (const k of group.keys) parent = parent === null || typeof parent !== 'object' ? undefined : (parent as Record<string, unknown>)[k];
    const row = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>) : null;
    for (const c of group.cells) {
      // 其他处理 is printed either as one row or as three sub-rows; the absent form is not blank.
      if ((c.otherHandling !== null && c.otherHandling === hasParts) || unread?.has(c.path)) continue;
      const cur = row === null ? undefined : row[c.key];
      if (typeof cur !== 'number') {
        blanks.push(c.path);
        continue;
      }
      const value = cur;
      const bad = !Number.isFinite(value) || (!c.signed && value < 0) || (!c.decimal && !Number.isInteger(value));
      if (bad) {
        out.push(
          finding('values.nonNegativeInteger', `${cellLabel(c.path)}: 应为${c.decimal ? '非负数' : '非负整数'}，表中为 ${value}`, [c.path], undefined, value),
        );
      }
    }
  }

  for (const row of rows) {
    if (row.key === 'otherHandling.total' && hasParts) continue;
    const parts = APPLICANT_ROW_TOTAL.parts.map((c) => app(row.key, c));
    const total = app(row.key, APPLICANT_ROW_TOTAL.total);
    if (parts.every((p) => p === null) && total === null) continue;
    const sum = parts.reduce<number>((s, p) => s + v(p), 0);
    if (sum !== v(total)) {
      const path = `applications.${row.key}.${APPLICANT_ROW_TOTAL.total}` as const;
      out.push(
        finding(
          APPLICANT_ROW_TOTAL.rule,
          `${cellLabel(path)}: 各申请人列之和为 ${sum}，表中为 ${fmt(total)}`,
          [path, ...APPLICANT_ROW_TOTAL.parts.map((c) => `applications.${row.key}.${c}`)],
          sum,
          total,
        ),
      );
    }
  }

  const outcomeRows = APPLICATIONS_OUTCOME_SUM.parts(hasParts);
  const { left: lhs, right: rhs } = APPLICATIONS_BALANCE;
  for (const col of APPLICANT_COLUMNS) {
    const c = col.key;
    const left = lhs.reduce((s, r) => s + v(app(r, c)), 0);
    const right = rhs.reduce((s, r) => s + v(app(r, c)), 0);
    if (left !== right) {
      out.push(
        finding(
          APPLICATIONS_BALANCE.rule,
          `${col.short}列: 新收与上年结转之和为 ${left}，（七）总计与结转下年度之和为 ${right}`,
          [...lhs, ...rhs].map((r) => `applications.${r}.${c}`),
          left,
          right,
        ),
      );
    }
    const sum = outcomeRows.reduce((s, r) => s + v(app(r, c)), 0);
    const total = app(APPLICATIONS_OUTCOME_SUM.total, c);
    if (sum !== v(total)) {
      const path = `applications.${APPLICATIONS_OUTCOME_SUM.total}.${c}` as const;
      out.push(
        finding(
          APPLICATIONS_OUTCOME_SUM.rule,
          `${cellLabel(path)}: 各办理结果之和为 ${sum}，表中为 ${fmt(total)}`,
          [path, ...outcomeRows.map((r) => `applications.${r}.${c}`)],
          sum,
          total,
        ),
      );
    }
  }

  for (const g of REVIEW_GROUPS) {
    const r = report.reviews[g.key] ?? {};
    const sum = REVIEW_GROUP_TOTAL.parts.reduce((s, k) => s + v(r[k] ?? null), 0);
    const total = r[REVIEW_GROUP_TOTAL.total] ?? null;
    if (sum !== v(total)) {
      const path = `reviews.${g.key}.${REVIEW_GROUP_TOTAL.total}` as const;
      out.push(
        finding(
          REVIEW_GROUP_TOTAL.rule,
          `${cellLabel(path)}: 维持、纠正、其他、尚未审结之和为 ${sum}，表中为 ${fmt(total)}`,
          [path, ...REVIEW_GROUP_TOTAL.parts.map((k) => `reviews.${g.key}.${k}`)],
          sum,
          total,
        ),
      );
    }
  }

  if (options.previous) out.push(...crossYearFindings(report, options.previous));

  const stated = textFigures(report.text.overview);
  const checks: [number | undefined, number, CellPath, string][] = [
    [stated.received, v(app('newReceived', 'total')), 'applications.newReceived.total', '收到申请'],
    [stated.handled, v(app('processedTotal', 'total')), 'applications.processedTotal.total', '办结申请'],
    [stated.granted, v(app('granted', 'total')), 'applications.granted.total', '予以公开'],
    [stated.carriedForward, v(app('carriedForward', 'total')), 'applications.carriedForward.total', '结转下年度'],
    [stated.reconsideration, v(cell('reviews.reconsideration.total')), 'reviews.reconsideration.total', '行政复议'],
    [
      stated.litigation,
      v(cell('reviews.litigationDirect.total')) + v(cell('reviews.litigationAfterReconsideration.total')),
      'reviews.litigationDirect.total',
      '行政诉讼',
    ],
  ];
  for (const [said, table, path, what] of checks) {
    if (said === undefined || said === table) continue;
    out.push(finding('text.matchesTables', `正文称${what} ${said} 件，表格（${cellLabel(path)}）为 ${table}`, [path], table, said));
  }

  const kind = options.unitKind ?? unitKindFromName(report.organ);
  if (kind === 'township' || kind === 'street') {
    const paths: CellPath[] = [
      'proactive.regulations.issued',
      'proactive.regulations.inForce',
      'proactive.v2019.regulations.created',
      'proactive.v2019.regulations.total',
    ];
    const reported = paths.filter((p) => v(cell(p)) > 0);
    if (reported.length > 0) {
      out.push(
        finding(
          'unitType.plausible',
          `${kind === 'street' ? '街道' : '乡镇'}无权制定规章，但表中规章数为 ${reported.map((p) => `${cellLabel(p)} ${cell(p)}`).join('、')}`,
          reported,
        ),
      );
    }
  }

  if (blanks.length > 0) {
    out.push(finding('blank-as-zero', `${blanks.length} 个空白单元格按 0 计算（如 ${cellLabel(blanks[0] as string)}）`, blanks));
  }
  return unread ? out.filter((f) => !f.cells.some((c) => unread.has(c))) : out;
}

interface CellCheck {
  path: CellPath;
  /** The last part of the path: the cell's property in its row's object. */
  key: string;
  decimal: boolean;
  signed: boolean;
  /** 其他处理's cells: true for its total row, false for a sub-row, null for any other cell. */
  otherHandling: boolean | null;
}
/** The cells of one row object (the path's parts but the last), in printed order. */
interface CellGroup {
  keys: readonly string[];
  cells: CellCheck[];
}
const checksByVersion = new Map<string, readonly CellGroup[]>();
/** What the per-cell rule needs of each cell path, worked out once per template version. */
function cellChecks(version: CanonicalReport['templateVersion']): readonly CellGroup[] {
  let groups = checksByVersion.get(version);
  if (!groups) {
    const out: CellGroup[] = [];
    for (const path of cellPaths(version)) {
      const keys = path.split('.');
      const key = keys.pop() as string;
      const check: CellCheck = {
        path,
        key,
        decimal: path === 'proactive.feesWan' || path.endsWith('.amountWan'),
        signed: path.endsWith('.change'),
        otherHandling: path.startsWith('applications.otherHandling.') ? path.startsWith('applications.otherHandling.total.') : null,
      };
      const last = out[out.length - 1];
      if (last && last.keys.join('.') === keys.join('.')) last.cells.push(check);
      else out.push({ keys, cells: [check] });
    }
    groups = out;
    checksByVersion.set(version, groups);
  }
  return groups;
}

const OTHER_HANDLING_PART_PATHS = OTHER_HANDLING_PARTS.flatMap((k) => APPLICANT_COLUMNS.map((c) => `applications.${k}.${c.key}` as CellPath));

function hasOtherHandlingParts(report: CanonicalReport): boolean {
  return OTHER_HANDLING_PART_PATHS.some((p) => getCell(report, p) !== null);
}

function fmt(c: Cell): string {
  return c === null ? '空' : String(c);
}

/** The cells of the carry-over rule in an applicant column: this year's 上年结转, last year's 结转下年度. */
export function carryOverCells(column: ApplicantKey): { now: CellPath; previous: CellPath } {
  return { now: `applications.carriedOver.${column}`, previous: `applications.carriedForward.${column}` };
}

/**
 * The carry-over rule (`carryOver.matchesPreviousYear`) in one applicant column: this year's
 * 上年结转 equals last year's 结转下年度, an empty cell counting as 0. Null when it holds.
 */
export function carryOverBreak(
  column: ApplicantKey,
  now: (path: CellPath) => Cell,
  before: (path: CellPath) => Cell,
): { path: CellPath; found: Cell; previous: Cell; expected: number } | null {
  const cells = carryOverCells(column);
  const found = now(cells.now);
  const previous = before(cells.previous);
  return v(found) === v(previous) ? null : { path: cells.now, found, previous, expected: v(previous) };
}

/** Cells left blank because a parse finding refused them (REFUSING_RULES): no printed blanks. */
export function unreadCells(report: CanonicalReport, findings: readonly Pick<Finding, 'rule' | 'cells'>[]): Set<string> {
  const unread = new Set<string>();
  for (const f of findings) if (REFUSING_RULES.has(f.rule)) for (const c of f.cells) if (getPath(report, c) === null) unread.add(c);
  return unread;
}

/** The rules that compare a report with the same body's report of the previous year (none over `unread` cells). */
export function crossYearFindings(report: CanonicalReport, prev: CanonicalReport, unread?: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const version = report.templateVersion;
  const cell = (path: CellPath) => getCell(report, path);
  for (const col of APPLICANT_COLUMNS) {
    const broken = carryOverBreak(col.key, cell, (path) => getCell(prev, path));
    if (broken) {
      const { path, found, previous, expected } = broken;
      out.push(
        finding(
          'carryOver.matchesPreviousYear',
          `${cellLabel(path)}: 上一年度结转下年度为 ${fmt(previous)}，本年上年结转为 ${fmt(found)}`,
          [path],
          expected,
          found,
        ),
      );
    }
  }
  if (version === '2021' && prev.templateVersion === '2021') {
    for (const item of ['regulations', 'normativeDocuments'] as const) {
      const base = `proactive.${item}` as const;
      const inForce = cell(`${base}.inForce`);
      const prevInForce = getCell(prev, `${base}.inForce`);
      if (inForce === null || prevInForce === null) continue;
      const expected = prevInForce + v(cell(`${base}.issued`)) - v(cell(`${base}.repealed`));
      if (expected !== inForce) {
        out.push(
          finding(
            'normativeDocuments.stockFlow',
            `${cellLabel(`${base}.inForce`)}: 上年 ${prevInForce} + 本年制发 ${v(cell(`${base}.issued`))} − 本年废止 ${v(cell(`${base}.repealed`))} = ${expected}，表中为 ${inForce}`,
            [`${base}.inForce`, `${base}.issued`, `${base}.repealed`],
            expected,
            inForce,
          ),
        );
      }
    }
  }
  return unread && unread.size > 0 ? out.filter((f) => !f.cells.some((c) => unread.has(c))) : out;
}
