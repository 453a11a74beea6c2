/**
 * The rollups of every scope — the country, each province, city and county — summed over the kinds
 * of unit, by year, for one set of cells: a trend of any scope with those cells (and years) is then
 * cut from memory instead of read from figures_rollup (ADR 0008). Rows are the statement's own
 * (`scopeSliceSql`): `scope`, `year`, `reports` and `c<i>` for the i-th of the slice's cells, each
 * with `reports` > 0. Built batch by batch as a cursor gives them, in scope and year order.
 */
export class ScopeSlice {
  constructor(
    /** The slice's cells, in the order of its columns. */
    private readonly cells: readonly string[],
    private readonly years: Int32Array,
    /** Per row: reports, then each cell's sum. */
    private readonly values: Float64Array,
    /** Each scope's rows: [from, to). */
    private readonly index: ReadonlyMap<number, readonly [number, number]>,
  ) {}

  get size(): number {
    return this.years.length;
  }

  /**
   * A scope's rows as the scoped statement for `cells` gives them: one per year with reports when
   * `byYear`, else one row summed over the years (none when nothing is published there). `cells`
   * must be among the slice's: the cache key holds them.
   */
  rows(scope: number, cells: readonly string[], byYear: boolean): Record<string, unknown>[] {
    const range = this.index.get(scope);
    if (!range) return [];
    const width = this.cells.length + 1;
    const columns = cells.map((c) => {
      const at = this.cells.indexOf(c);
      if (at < 0) throw new Error(`ScopeSlice: no cell ${c}`);
      return at + 1;
    });
    const keys = columns.map((_, c) => `c${c}`);
    const rowAt = (i: number, into: Record<string, unknown>) => {
      into.reports = (Number(into.reports) || 0) + (this.values[i * width] as number);
      for (let c = 0; c < columns.length; c++)
        into[keys[c] as string] = (Number(into[keys[c] as string]) || 0) + (this.values[i * width + (columns[c] as number)] as number);
      return into;
    };
    const [from, to] = range;
    if (byYear) {
      const out: Record<string, unknown>[] = [];
      for (let i = from; i < to; i++) out.push(rowAt(i, { year: this.years[i] }));
      return out;
    }
    const sum: Record<string, unknown> = {};
    for (let i = from; i < to; i++) rowAt(i, sum);
    return from < to ? [sum] : [];
  }
}

/** Collects a scope slice's rows, batch by batch, in scope and year order (the statement's ORDER BY). */
export class ScopeSliceBuilder {
  private years: number[] = [];
  private values: number[] = [];
  private readonly index = new Map<number, [number, number]>();
  private last: number | null = null;

  constructor(private readonly cells: readonly string[]) {}

  add(rows: readonly Record<string, unknown>[]): void {
    for (const row of rows) {
      const scope = Number(row.scope);
      const i = this.years.length;
      if (scope !== this.last) {
        if (this.index.has(scope)) throw new Error('ScopeSliceBuilder: rows not in scope order');
        this.index.set(scope, [i, i]);
        this.last = scope;
      }
      (this.index.get(scope) as [number, number])[1] = i + 1;
      this.years.push(Number(row.year));
      this.values.push(Number(row.reports ?? 0));
      for (let c = 0; c < this.cells.length; c++) this.values.push(Number(row[`c${c}`] ?? 0));
    }
  }

  finish(): ScopeSlice {
    return new ScopeSlice(this.cells, Int32Array.from(this.years), Float64Array.from(this.values), this.index);
  }
}
