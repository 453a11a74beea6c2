import { describe, expect, it } from 'vitest';
import { sliceColumns, UnitSlice, UnitSliceBuilder, UnitSlices } from './unit-slices.js';

// A tree whose paths test the subtree cut: '6.45' must not take '6.450' or '6.4'.
const UNITS = [
  { id: 6, path: '6', kind: 'province' },
  { id: 45, path: '6.45', kind: 'county' },
  { id: 450, path: '6.450', kind: 'county' },
  { id: 4, path: '6.4', kind: 'county' },
  { id: 451, path: '6.45.451', kind: 'town' },
  { id: 452, path: '6.45.452', kind: 'township' },
  { id: 4501, path: '6.450.4501', kind: 'town' },
  { id: 7, path: '7', kind: 'province' },
  { id: 71, path: '7.71', kind: 'street' },
];
const byId = new Map(UNITS.map((u) => [u.id, u]));
// Rows in no particular order, as the statement gives them; one unit (99) unknown.
const ROWS = [...UNITS].reverse().map((u) => ({ unit: String(u.id), year: 2024, reports: 1, c0: u.id, c1: u.id * 2 }));
const slice = UnitSlice.of(['reports', 'c0', 'c1'], [...ROWS, { unit: '99', year: 2024, reports: 1, c0: 1, c1: 1 }], (id) => byId.get(id));
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.unit).sort((a, b) => Number(a) - Number(b));

describe('UnitSlice', () => {
  it('cuts a subtree by path: the unit itself and what is under it, nothing whose path merely starts alike', () => {
    expect(ids(slice.rows({ path: '6.45' }, null, false))).toEqual([45, 451, 452]);
    expect(ids(slice.rows({ path: '6.450' }, null, false))).toEqual([450, 4501]);
    expect(ids(slice.rows({ path: '6.4' }, null, false))).toEqual([4]);
    expect(ids(slice.rows({ path: '6' }, null, false))).toEqual([4, 6, 45, 450, 451, 452, 4501]);
    expect(ids(slice.rows({ path: '8' }, null, false))).toEqual([]);
    expect(ids(slice.rows(null, null, false))).toEqual(UNITS.map((u) => u.id).sort((a, b) => a - b));
    expect(slice.size).toBe(UNITS.length); // the unknown unit is left out
  });

  it('filters by kind (empty: any) and gives the columns, with the year only when asked', () => {
    expect(ids(slice.rows({ path: '6' }, ['town', 'township'], false))).toEqual([451, 452, 4501]);
    expect(ids(slice.rows({ path: '6' }, [], false))).toHaveLength(7);
    expect(slice.rows({ path: '7.71' }, null, false)).toEqual([{ unit: 71, reports: 1, c0: 71, c1: 142 }]);
    expect(slice.rows({ path: '7.71' }, null, true)).toEqual([{ unit: 71, year: 2024, reports: 1, c0: 71, c1: 142 }]);
  });

  it('keeps each year of a unit apart, for YoY', () => {
    const two = UnitSlice.of(
      ['reports', 'c0'],
      [
        { unit: '451', year: 2025, reports: 1, c0: 5 },
        { unit: '452', year: 2024, reports: 1, c0: 2 },
        { unit: '451', year: 2024, reports: 2, c0: 3 },
      ],
      (id) => byId.get(id),
    );
    const rows = two.rows({ path: '6.45' }, null, true).sort((a, b) => Number(a.unit) - Number(b.unit) || Number(a.year) - Number(b.year));
    expect(rows).toEqual([
      { unit: 451, year: 2024, reports: 2, c0: 3 },
      { unit: 451, year: 2025, reports: 1, c0: 5 },
      { unit: 452, year: 2024, reports: 1, c0: 2 },
    ]);
  });

  it('is built batch by batch, past its first capacity, in path order or not, the same as at once', () => {
    // 3,000 towns under 30 counties: more rows than the builder's first arrays hold.
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: 10_000 + i, path: `9.${100 + (i % 30)}.${10_000 + i}`, kind: i % 4 ? 'town' : 'township' }));
    const unitOf = new Map(many.map((u) => [u.id, u]));
    const rowsOf = (units: typeof many) => units.map((u) => ({ unit: String(u.id), year: 2024, reports: 1, c0: u.id % 97 }));
    const inPathOrder = [...many].sort((a, b) => (a.path < b.path ? -1 : 1));
    const builder = new UnitSliceBuilder(['reports', 'c0'], (id) => unitOf.get(id));
    for (let i = 0; i < inPathOrder.length; i += 1000) builder.add(rowsOf(inPathOrder.slice(i, i + 1000)));
    const batched = builder.finish();
    const shuffled = UnitSlice.of(['reports', 'c0'], rowsOf(many), (id) => unitOf.get(id));
    expect(batched.size).toBe(3000);
    // The slice shares the builder's arrays: the builder is spent.
    expect(() => builder.add(rowsOf(many.slice(0, 1)))).toThrow(/after finish/);
    expect(() => builder.finish()).toThrow(/twice/);
    expect(batched.size).toBe(3000);
    for (const root of [{ path: '9.107' }, { path: '9.10' }, { path: '9' }, null]) {
      const expected = many.filter((u) => !root || u.path === root.path || u.path.startsWith(`${root.path}.`)).filter((u) => u.kind === 'township');
      const got = batched.rows(root, ['township'], false);
      expect(ids(got)).toEqual(expected.map((u) => u.id).sort((a, b) => a - b));
      expect(got.every((r) => r.c0 === Number(r.unit) % 97 && r.reports === 1)).toBe(true);
      expect(shuffled.rows(root, ['township'], false).sort((a, b) => Number(a.unit) - Number(b.unit))).toEqual(
        got.sort((a, b) => Number(a.unit) - Number(b.unit)),
      );
    }
  });

  it('names the columns toGroups reads, per-capita ones only when asked', () => {
    expect(sliceColumns({ cells: ['a', 'b'], perCapitaCells: [] })).toEqual(['reports', 'c0', 'c1']);
    expect(sliceColumns({ cells: ['a'], perCapitaCells: ['a'] })).toEqual(['reports', 'c0', 'population', 'pc0']);
  });
});

describe('UnitSlices', () => {
  const make = () => UnitSlice.of(['reports'], [], () => undefined);

  it('reads a slice once per data version, is ready only once read, and reads again for a new version', async () => {
    const cache = new UnitSlices(8);
    let reads = 0;
    const read = async () => {
      reads++;
      return make();
    };
    const first = cache.load('k', 'v1', read);
    expect(cache.ready('k', 'v1')).toBeUndefined(); // being read
    expect(cache.load('k', 'v1', read)).toBeNull(); // being read
    await first;
    expect(cache.ready('k', 'v1')).toBeInstanceOf(UnitSlice);
    expect(reads).toBe(1);
    expect(cache.ready('k', 'v2')).toBeUndefined();
    await cache.load('k', 'v2', read);
    expect(reads).toBe(2);
    expect(cache.ready('k', 'v1')).toBeUndefined();
  });

  /** A read of 'a' under way until `done()`, and readers that note the order they are read in. */
  const busy = (cache: UnitSlices) => {
    let done = () => {};
    const a = cache.load('a', 'v', () => new Promise((r) => (done = () => r(make()))));
    const order: string[] = [];
    const reader = (name: string) => async () => {
      order.push(name);
      return make();
    };
    return { a, done: () => done(), order, reader };
  };

  it('reads one slice at a time: the others wait their turn, one per key, at most 8', async () => {
    const pending: number[] = [];
    const cache = new UnitSlices(32, (n) => pending.push(n));
    const { a, done, order, reader } = busy(cache);
    const b1 = cache.load('b', 'v1', reader('b1'));
    const rest = Array.from({ length: 8 }, (_, i) => cache.load(`k${i}`, 'v', reader(`k${i}`)));
    expect(await b1).toBe(false); // the oldest of the waits asked for once, dropped beyond 8
    done();
    expect(await a).toBe(true);
    expect(await Promise.all(rest)).toEqual(Array(8).fill(true));
    expect(order).toEqual(Array.from({ length: 8 }, (_, i) => `k${i}`));
    expect(cache.ready('k7', 'v')).toBeInstanceOf(UnitSlice);
    expect(cache.ready('b', 'v1')).toBeUndefined();
    // Told of every change: 1 reading, then waits up to 1 + 8, then down to none.
    expect(Math.max(...pending)).toBe(9);
    expect(pending.at(-1)).toBe(0);
  });

  it('reads first, and keeps beyond 8, the waits more questions asked for; a newer version keeps the count', async () => {
    const cache = new UnitSlices(32);
    const { a, done, order, reader } = busy(cache);
    const once = cache.load('once', 'v', reader('once'));
    const b1 = cache.load('b', 'v1', reader('b1'));
    expect(cache.load('b', 'v1', reader('b1 again'))).toBeNull(); // already waiting: asked twice
    const b2 = cache.load('b', 'v2', reader('b2')); // replaces b1's wait: asked three times
    const rest = Array.from({ length: 7 }, (_, i) => cache.load(`k${i}`, 'v', reader(`k${i}`)));
    expect(cache.load('k6', 'v', reader('k6 again'))).toBeNull(); // k6 asked twice
    expect(await b1).toBe(false);
    // Nine waiting: the oldest of those asked for once goes, not b (older, but asked more).
    expect(await once).toBe(false);
    done();
    expect(await a).toBe(true);
    expect(await Promise.all([b2, ...rest])).toEqual(Array(8).fill(true));
    expect(order).toEqual(['b2', 'k6', 'k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    expect(cache.ready('b', 'v2')).toBeInstanceOf(UnitSlice);
  });

  it('starts each read only once its gate opens, one at a time still', async () => {
    const gates: (() => void)[] = [];
    const cache = new UnitSlices(
      8,
      () => {},
      () => new Promise<void>((open) => gates.push(open)),
    );
    const started: string[] = [];
    const reader = (name: string) => async () => {
      started.push(name);
      return make();
    };
    const a = cache.load('a', 'v', reader('a'));
    const b = cache.load('b', 'v', reader('b'));
    await Promise.resolve();
    expect(started).toEqual([]); // the questions have not paused yet
    expect(cache.ready('a', 'v')).toBeUndefined();
    gates.shift()?.();
    expect(await a).toBe(true);
    expect(started).toEqual(['a']); // b waits for a gate of its own
    expect(gates).toHaveLength(1);
    gates.shift()?.();
    expect(await b).toBe(true);
    expect(started).toEqual(['a', 'b']);
  });

  it('forgets a failed read, and the least recently used beyond its size', async () => {
    const cache = new UnitSlices(2);
    await expect(cache.load('k', 'v', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(cache.ready('k', 'v')).toBeUndefined();
    await cache.load('k', 'v', async () => make());
    await cache.load('a', 'v', async () => make());
    cache.ready('k', 'v'); // k used again: a is now the oldest
    await cache.load('b', 'v', async () => make());
    expect(cache.ready('a', 'v')).toBeUndefined();
    expect(cache.ready('k', 'v')).toBeInstanceOf(UnitSlice);
    expect(cache.ready('b', 'v')).toBeInstanceOf(UnitSlice);
  });
});
