import {
  APPLICANT_KEYS,
  APPLICATION_ROWS,
  type CellPath,
  PROACTIVE_2019,
  PROACTIVE_2021,
  type ProactiveColumnDef,
  type ProactiveItemDef,
  REVIEW_GROUPS,
  REVIEW_KEYS,
  type TemplateVersion,
} from './template.js';

/** A count as published: `null` when the report leaves the cell blank (or writes / — 无). */
export type Cell = number | null;
export type ApplicantRow = Record<string, Cell>;

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Dotted key paths of the cells concerned, e.g. `applications.processedTotal.naturalPerson`. */
  cells: string[];
  expected?: number;
  found?: number | null;
}

/** Where a number came from. Exactly the fields the source format can tell. */
export interface Provenance {
  /** The cell's text as printed (after decoding, before normalisation). */
  raw: string;
  line?: number;
  /** Character offset in the line (1-based), for text whose lines were glued (page text). */
  offset?: number;
  table?: number;
  row?: number;
  col?: number;
  page?: number;
  x?: number;
  y?: number;
  /** Set when the value was split out of digits glued together. */
  split?: boolean;
  /** Set when the value was computed, not read (e.g. otherHandling.total from its sub-rows). */
  derived?: string;
}

export interface ReportText {
  overview: string | null;
  problems: string | null;
  other: string | null;
}

export interface CanonicalReport {
  templateVersion: TemplateVersion;
  organ: string | null;
  year: number | null;
  proactive: Record<string, unknown>;
  applications: Record<string, unknown>;
  reviews: Record<string, Record<string, Cell>>;
  text: ReportText;
}

export type SourceFormat = 'text' | 'html' | 'mhtml' | 'pdf' | 'docx' | 'doc' | 'markdown' | 'json';

export interface ParsedReport extends CanonicalReport {
  source: { format: SourceFormat; encoding?: string; pages?: number };
  /** The date the report states it was issued (成文日期), ISO `YYYY-MM-DD`, when it states one. */
  publishedDate: string | null;
  provenance: Record<string, Provenance>;
  findings: Finding[];
}

const splitCache = new Map<string, string[]>();
/** Paths are a fixed vocabulary, so their parts are split once. */
function parts(path: string): string[] {
  let p = splitCache.get(path);
  if (!p) {
    p = path.split('.');
    if (splitCache.size < 10_000) splitCache.set(path, p);
  }
  return p;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of parts(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const ps = parts(path);
  let cur = obj;
  for (let i = 0; i < ps.length - 1; i++) {
    const part = ps[i] as string;
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[ps[ps.length - 1] as string] = value;
}

export function getCell(report: CanonicalReport, path: CellPath): Cell {
  const v = getPath(report, path);
  return typeof v === 'number' ? v : null;
}

function nullRow(keys: readonly string[]): Record<string, Cell> {
  return Object.fromEntries(keys.map((k) => [k, null]));
}

const pathsByVersion = new Map<TemplateVersion, readonly CellPath[]>();

/** Dotted paths of every count cell of a template version, in printed order. */
export function cellPaths(version: TemplateVersion): readonly CellPath[] {
  let cached = pathsByVersion.get(version);
  if (!cached) pathsByVersion.set(version, (cached = Object.freeze(buildCellPaths(version))));
  return cached;
}

const pathSets = new Map<TemplateVersion | 'any', ReadonlySet<string>>();

/** Whether a runtime string (a GraphQL argument, a stored finding) is a cell of the version, or of either version. */
export function isCellPath(key: string, version?: TemplateVersion): key is CellPath {
  const v = version ?? 'any';
  let set = pathSets.get(v);
  if (!set) pathSets.set(v, (set = new Set(version ? cellPaths(version) : [...cellPaths('2021'), ...cellPaths('2019')])));
  return set.has(key);
}

/** The cell of a table-二 item's column (`proactive.licensing` for a single-column item). */
export function proactivePath(item: ProactiveItemDef, col: ProactiveColumnDef): CellPath {
  return `proactive.${item.key}${col.key ? `.${col.key}` : ''}` as CellPath;
}

function buildCellPaths(version: TemplateVersion): CellPath[] {
  // The one place paths are spelt out from the tables: CellPath is these strings as a type.
  const paths: string[] = [];
  for (const item of version === '2019' ? PROACTIVE_2019 : PROACTIVE_2021) {
    for (const col of item.columns) paths.push(proactivePath(item, col));
  }
  if (version === '2019') paths.push('proactive.licensing', 'proactive.penalties', 'proactive.coercion');
  for (const row of APPLICATION_ROWS) {
    if (!row.versions.includes(version)) continue;
    for (const col of APPLICANT_KEYS) paths.push(`applications.${row.key}.${col}`);
  }
  for (const g of REVIEW_GROUPS) for (const c of REVIEW_KEYS) paths.push(`reviews.${g.key}.${c}`);
  return paths as CellPath[];
}

const emptyShape = new Map<TemplateVersion, CanonicalReport>();

/** An all-blank report of the given version: the shape every parse starts from. */
export function emptyReport(version: TemplateVersion): CanonicalReport {
  // Built once per version; each call gets a fresh deep copy (spreads of small objects: cheaper than JSON).
  let shape = emptyShape.get(version);
  if (!shape) emptyShape.set(version, (shape = buildEmptyReport(version)));
  return deepCopy(shape);
}

function deepCopy<T>(v: T): T {
  const o = { ...v } as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') o[k] = deepCopy(x);
  }
  return o as T;
}

function buildEmptyReport(version: TemplateVersion): CanonicalReport {
  const report: CanonicalReport = {
    templateVersion: version,
    organ: null,
    year: null,
    proactive: {},
    applications: {},
    reviews: Object.fromEntries(REVIEW_GROUPS.map((g) => [g.key, nullRow(REVIEW_KEYS)])),
    text: { overview: null, problems: null, other: null },
  };
  for (const item of PROACTIVE_2021) {
    for (const col of item.columns) setPath(report.proactive, `${item.key}${col.key ? `.${col.key}` : ''}`, null);
  }
  if (version === '2019') {
    for (const item of PROACTIVE_2019) {
      for (const col of item.columns) setPath(report.proactive, `${item.key}.${col.key}`, null);
    }
  }
  for (const row of APPLICATION_ROWS) setPath(report.applications, row.key, nullRow(APPLICANT_KEYS));
  return report;
}
