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
 * through the same `toGroups` as rows read for that subtree alone would. Built by
 * UnitSliceBuilder, batch by batch as a cursor gives the rows.
 */
export class UnitSlice {
  /**
   * A slice of `rows` grouped by unit and year (any order); `unitOf` gives each row's unit. Rows
   * whose unit it cannot give are left out (never the case: readSlice first reads the units the cache lacks).
   */
  static of(columns: readonly string[], rows: readonly Record<string, unknown>[], unitOf: (id: number) => SliceUnit | undefined): UnitSlice {
    const builder = new UnitSliceBuilder(columns, unitOf);
    builder.add(rows);
    return builder.finish();
  }

  constructor(
    readonly columns: readonly string[],
    private readonly ids: Int32Array,
    private readonly years: Int32Array,
    private readonly paths: readonly string[],
    private readonly kinds: readonly string[],
    private readonly values: Float64Array,
  ) {}

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

/**
 * Collects a slice's rows a batch at a time into growing typed arrays, so that no single step
 * holds the event loop for the whole country (~40,000 rows at full scale): a cursor's batches are
 * added as they come. Rows in path order (the cursor's ORDER BY) need no sort; any other order
 * gets one in `finish`.
 */
export class UnitSliceBuilder {
  private ids = new Int32Array(1024);
  private years = new Int32Array(1024);
  private values: Float64Array;
  private readonly paths: string[] = [];
  private readonly kinds: string[] = [];
  private size = 0;
  private sorted = true;
  /** The slice shares the builder's path and kind arrays: nothing may be added once it is made. */
  private finished = false;

  constructor(
    private readonly columns: readonly string[],
    private readonly unitOf: (id: number) => SliceUnit | undefined,
  ) {
    this.values = new Float64Array(1024 * columns.length);
  }

  add(rows: readonly Record<string, unknown>[]): void {
    if (this.finished) throw new Error('UnitSliceBuilder: add after finish');
    const width = this.columns.length;
    for (const row of rows) {
      const unit = this.unitOf(Number(row.unit));
      if (!unit) continue;
      const i = this.size;
      if (i === this.ids.length) this.grow();
      if (i > 0 && (this.paths[i - 1] as string) > unit.path) this.sorted = false;
      this.ids[i] = unit.id;
      this.years[i] = Number(row.year);
      this.paths.push(unit.path);
      this.kinds.push(unit.kind);
      for (let c = 0; c < width; c++) this.values[i * width + c] = Number(row[this.columns[c] as string] ?? 0);
      this.size = i + 1;
    }
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const years = new Int32Array(this.years.length * 2);
    years.set(this.years);
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.ids = ids;
    this.years = years;
    this.values = values;
  }

  finish(): UnitSlice {
    if (this.finished) throw new Error('UnitSliceBuilder: finish twice');
    this.finished = true;
    const n = this.size;
    const width = this.columns.length;
    if (this.sorted) return new UnitSlice(this.columns, this.ids.slice(0, n), this.years.slice(0, n), this.paths, this.kinds, this.values.slice(0, n * width));
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const pa = this.paths[a] as string;
      const pb = this.paths[b] as string;
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
    const values = new Float64Array(n * width);
    for (const [to, from] of order.entries()) values.set(this.values.subarray(from * width, (from + 1) * width), to * width);
    return new UnitSlice(
      this.columns,
      Int32Array.from(order, (i) => this.ids[i] as number),
      Int32Array.from(order, (i) => this.years[i] as number),
      order.map((i) => this.paths[i] as string),
      order.map((i) => this.kinds[i] as string),
      values,
    );
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

interface Waiting<S> {
  key: string;
  version: string;
  /** Questions that asked for this slice while it waited: the most asked is read first and dropped last. */
  asked: number;
  read: () => Promise<S>;
  done: (read: boolean) => void;
  failed: (e: unknown) => void;
}

/**
 * Slices by metrics and years, each valid for the published-data version it was read at; the
 * least recently used go first. Reads happen beside the questions, not in their way: a question
 * takes a slice only once it is ready (see AnalyticsService.unitGroups). At the full country's
 * ~40,000 units a slice is ~2 MB, so `max` bounds the memory.
 */
export class UnitSlices<S = UnitSlice> {
  private readonly entries = new Map<string, { version: string; slice: S | null }>();
  private readonly waiting: Waiting<S>[] = [];
  private reading = false;

  /**
   * `onPending` is told how many reads are under way or waiting, whenever that changes; each read
   * starts once `gate` resolves (AnalyticsService: once the questions leave the process quiet).
   */
  constructor(
    readonly max = 32,
    private readonly onPending: (reads: number) => void = () => {},
    private readonly gate: () => Promise<void> = async () => {},
  ) {}

  private told(): void {
    this.onPending((this.reading ? 1 : 0) + this.waiting.length);
  }

  /** The slice kept for `key` if it was read at `version` and is ready. */
  ready(key: string, version: string): S | undefined {
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
   * per key (a newer version replaces an older one's wait and keeps its count), at most
   * MAX_WAITING. The wait most questions asked for goes first, and the least asked is dropped
   * beyond MAX_WAITING (the oldest of equals, either way): a burst of metrics asked once must not
   * push out the slice that a page asks for again and again. Resolves true once the slice is
   * kept, false if its wait was dropped; a failed read rejects and is not kept.
   */
  load(key: string, version: string, read: () => Promise<S>): Promise<boolean> | null {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return null;
    const queued = this.waiting.findIndex((w) => w.key === key);
    const prior = this.waiting[queued];
    if (prior?.version === version) {
      prior.asked++;
      return null;
    }
    if (!this.reading) return this.start(key, version, read);
    return new Promise<boolean>((done, failed) => {
      if (prior) this.waiting.splice(queued, 1)[0]?.done(false);
      this.waiting.push({ key, version, asked: (prior?.asked ?? 0) + 1, read, done, failed });
      if (this.waiting.length > MAX_WAITING) this.take((a, b) => a < b)?.done(false);
      this.told();
    });
  }

  /** Takes out the first waiting read whose count `better` prefers to every earlier one's. */
  private take(better: (a: number, b: number) => boolean): Waiting<S> | undefined {
    let pick = 0;
    for (let i = 1; i < this.waiting.length; i++) if (better(this.waiting[i]?.asked ?? 0, this.waiting[pick]?.asked ?? 0)) pick = i;
    return this.waiting.splice(pick, 1)[0];
  }

  private start(key: string, version: string, read: () => Promise<S>): Promise<boolean> {
    this.reading = true;
    const entry: { version: string; slice: S | null } = { version, slice: null };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.told();
    const next = () => {
      this.reading = false;
      const w = this.waiting.length ? this.take((a, b) => a > b) : undefined;
      if (w) this.start(w.key, w.version, w.read).then(w.done, w.failed);
      else this.told();
    };
    return this.gate()
      .then(read)
      .then(
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
