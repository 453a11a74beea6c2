import { REVIEW_GROUP_TOTAL } from './equations.js';
import { type CanonicalReport, cellPaths, emptyReport, type ReportText, setPath } from './report.js';
import {
  APPLICANT_KEYS,
  APPLICATION_ROWS,
  type ApplicantKey,
  type ApplicationRowKey,
  type ProactivePath,
  REVIEW_GROUPS,
  type ReviewGroupKey,
  type ReviewKey,
  type TemplateVersion,
} from './template.js';

/** What a hand-made report says; everything left out is a written zero (or blank, for rows not zeroed). */
export interface ReportSpec {
  version?: TemplateVersion;
  organ?: string | null;
  year?: number | null;
  /** Rows of table 三 written as zeros in every column first; default every row of the version. */
  zeroRows?: readonly ApplicationRowKey[];
  /** Per row: a number is natural persons' applications (and so the row's 总计), or give the columns. */
  applications?: Partial<Record<ApplicationRowKey, number | Partial<Record<ApplicantKey, number>>>>;
  /** Cells of table 二; the rest of the version's cells are 0. */
  proactive?: Partial<Record<ProactivePath, number>>;
  /** Results per group of table 四; the rest are 0 and 总计 is their sum unless given. */
  reviews?: Partial<Record<ReviewGroupKey, Partial<Record<ReviewKey, number>>>>;
  text?: Partial<ReportText>;
}

/**
 * A canonical report built by hand, for tests and examples: `buildReport({ applications: {
 * newReceived: 5, processedTotal: 5, granted: 5 } })` is a consistent 2021 report.
 */
export function buildReport(spec: ReportSpec = {}): CanonicalReport {
  const version = spec.version ?? '2021';
  const r = emptyReport(version);
  r.organ = spec.organ ?? null;
  r.year = spec.year ?? null;
  const zeroRows = spec.zeroRows ?? APPLICATION_ROWS.filter((row) => row.versions.includes(version)).map((row) => row.key);
  for (const row of zeroRows) for (const c of APPLICANT_KEYS) setPath(r.applications, `${row}.${c}`, 0);
  for (const [row, value] of Object.entries(spec.applications ?? {})) {
    const cols = typeof value === 'number' ? { naturalPerson: value, total: value } : (value ?? {});
    for (const [c, n] of Object.entries(cols)) setPath(r.applications, `${row}.${c}`, n);
  }
  for (const path of cellPaths(version)) if (path.startsWith('proactive.')) setPath(r as unknown as Record<string, unknown>, path, 0);
  for (const [path, n] of Object.entries(spec.proactive ?? {})) setPath(r as unknown as Record<string, unknown>, path, n);
  for (const g of REVIEW_GROUPS) {
    const given = spec.reviews?.[g.key] ?? {};
    const row: Record<string, number> = {};
    for (const k of REVIEW_GROUP_TOTAL.parts) row[k] = given[k] ?? 0;
    row[REVIEW_GROUP_TOTAL.total] = given[REVIEW_GROUP_TOTAL.total] ?? REVIEW_GROUP_TOTAL.parts.reduce((s, k) => s + (row[k] as number), 0);
    r.reviews[g.key] = row;
  }
  r.text = { overview: null, problems: null, other: null, ...spec.text };
  return r;
}
