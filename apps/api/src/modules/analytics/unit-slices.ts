import type { MetricsSql } from './metrics-sql.js';

/** A unit as a slice needs it: where it sits in the tree and what kind it is. */
export interface SliceUnit {
  id: number;
  path: string;
  kind: string;
}

/**
 * The published sums of a set of metrics in one or two years for every reporting unit in the
 * country, grouped by unit and year, kept in path order so that any subtree is one contiguous
 * run (a unit's descendants' paths all start with its path and a '.'). Columns are the
 * statement's own (`reports`, `c<i>`, `pc<i>`, `population`), so the rows a subtree gives back go
 * through the same `toGroups` as rows read for that subtree alone would.
 */
export class UnitSlice {
  private readonly ids: Int32Array;
  private readonly years: Int32Array;
  private readonly paths: string[];
  private readonly kinds: string[];
  private readonly values: Float64Array;

  /**
   * `rows` are the statement's rows grouped by unit and year (any order); `unitOf` gives each
   * row's unit. Rows whose unit it cannot give are left out (never the case: the statement joins
   * the units).
   */
  constructor(
    readonly columns: readonly string[],
    rows: readonly Record<string, unknown>[],
    unitOf: (id: number) => SliceUnit | undefined,
  ) {
    const kept = rows
      .map((row) => ({ row, unit: unitOf(Number(row.unit)) }))
      .filter((x): x is { row: Record<string, unknown>; unit: SliceUnit } => x.unit !== undefined);
    // Read in path order (the cursor's ORDER BY), a slice needs no sort; any other order gets one.
    if (kept.some((x, i) => i > 0 && (kept[i - 1] as { unit: SliceUnit }).unit.path > x.unit.path))
      kept.sort((a, b) => (a.unit.path < b.unit.path ? -1 : a.unit.path > b.unit.path ? 1 : 0));
    const width = columns.length;
    this.ids = new Int32Array(kept.length);
    this.years = new Int32Array(kept.length);
    this.paths = new Array(kept.length);
    this.kinds = new Array(kept.length);
    this.values = new Float64Array(kept.length * width);
    kept.forEach(({ row, unit }, i) => {
      this.ids[i] = unit.id;
      this.years[i] = Number(row.year);
      this.paths[i] = unit.path;
      this.kinds[i] = unit.kind;
      for (let c = 0; c < width; c++) this.values[i * width + c] = Number(row[columns[c] as string] ?? 0);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** First index whose path is not below `path` in string order. */
  private lowerBound(path: string): number {
    let lo = 0;
    let hi = this.paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.paths[mid] as string) < path) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The rows of the units in `root`'s subtree (itself included; null: everywhere) whose kind is
   * one of `kinds` (null or empty: any), shaped as the statement's rows: `unit`, and `year` when
   * the groups are by year too.
   */
  rows(root: { path: string } | null, kinds: readonly string[] | null | undefined, byYear: boolean): Record<string, unknown>[] {
    // '/' follows '.' in code order: [path, path + '/') holds the path and every 'path.…'.
    const from = root ? this.lowerBound(root.path) : 0;
    const to = root ? this.lowerBound(`${root.path}/`) : this.paths.length;
    const wanted = kinds?.length ? new Set(kinds) : null;
    const width = this.columns.length;
    const out: Record<string, unknown>[] = [];
    for (let i = from; i < to; i++) {
      if (wanted && !wanted.has(this.kinds[i] as string)) continue;
      const row: Record<string, unknown> = byYear ? { unit: this.ids[i], year: this.years[i] } : { unit: this.ids[i] };
      for (let c = 0; c < width; c++) row[this.columns[c] as string] = this.values[i * width + c];
      out.push(row);
    }
    return out;
  }
}

/** The numeric columns of a unit-grouped statement, as toGroups reads them. */
export function sliceColumns(built: Pick<MetricsSql, 'cells' | 'perCapitaCells'>): string[] {
  return [
    'reports',
    ...built.cells.map((_, i) => `c${i}`),
    ...(built.perCapitaCells.length ? ['population', ...built.perCapitaCells.map((_, i) => `pc${i}`)] : []),
  ];
}

/** Reads waiting for the one under way, at most (the oldest is dropped). */
const MAX_WAITING = 8;

interface Waiting {
  key: string;
  version: string;
  read: () => Promise<UnitSlice>;
  done: (read: boolean) => void;
  failed: (e: unknown) => void;
}

/**
 * Slices by metrics and years, each valid for the published-data version it was read at; the
 * least recently used go first. Reads happen beside the questions, not in their way: a question
 * takes a slice only once it is ready (see AnalyticsService.unitGroups). At the full country's
 * ~40,000 units a slice is ~2 MB, so `max` bounds the memory.
 */
export class UnitSlices {
  private readonly entries = new Map<string, { version: string; slice: UnitSlice | null }>();
  private readonly waiting: Waiting[] = [];
  private reading = false;

  /** `onPending` is told how many reads are under way or waiting, whenever that changes. */
  constructor(
    readonly max = 32,
    private readonly onPending: (reads: number) => void = () => {},
  ) {}

  private told(): void {
    this.onPending((this.reading ? 1 : 0) + this.waiting.length);
  }

  /** The slice kept for `key` if it was read at `version` and is ready. */
  ready(key: string, version: string): UnitSlice | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version || !hit.slice) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit); // most recently used last
    return hit.slice;
  }

  /**
   * Reads the slice for `key` at `version` unless it is kept, being read or waiting for that
   * version (then null). One read at a time, so that a page of new questions does not take every
   * database connection and both cores for reads nobody waits for: the others wait their turn, one
   * per key (a newer version replaces an older one's wait), at most MAX_WAITING. Resolves true
   * once the slice is kept, false if its wait was dropped; a failed read rejects and is not kept.
   */
  load(key: string, version: string, read: () => Promise<UnitSlice>): Promise<boolean> | null {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return null;
    const queued = this.waiting.findIndex((w) => w.key === key);
    if (queued >= 0 && this.waiting[queued]?.version === version) return null;
    if (!this.reading) return this.start(key, version, read);
    return new Promise<boolean>((done, failed) => {
      if (queued >= 0) this.waiting.splice(queued, 1)[0]?.done(false);
      this.waiting.push({ key, version, read, done, failed });
      if (this.waiting.length > MAX_WAITING) this.waiting.shift()?.done(false);
      this.told();
    });
  }

  private start(key: string, version: string, read: () => Promise<UnitSlice>): Promise<boolean> {
    this.reading = true;
    const entry: { version: string; slice: UnitSlice | null } = { version, slice: null };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.told();
    const next = () => {
      this.reading = false;
      const w = this.waiting.shift();
      if (w) this.start(w.key, w.version, w.read).then(w.done, w.failed);
      else this.told();
    };
    return read().then(
      (slice) => {
        entry.slice = slice;
        next();
        return true;
      },
      (e: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        next();
        throw e;
      },
    );
  }
}
