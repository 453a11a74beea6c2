// bench:country times each question's first-asked form on requests that were never asked before;
// its warm-up asks the same form with other requests (questions.mjs, `warm`). If the two ever
// overlapped, a "first asked" figure would time a repeat: this checks they never do.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM shared with bench/country/client.mjs
import { NEW_METRICS, questionSet, TIMED, WARM_METRICS } from '../bench/country/questions.mjs';

type Body = { query: string; variables?: Record<string, unknown> };
type Question = { label: string; ours: ((i?: number) => Body)[]; peer: ((i?: number) => Body)[] };

/** The country of `--scale 0.2` and of `--scale 1`, as far as the questions use it. */
const specs = [
  { provinces: 31, counties: 499 },
  { provinces: 31, counties: 2800 },
].map(({ provinces, counties }) => {
  const p = Array.from({ length: provinces }, (_, i) => i + 1);
  const c = Array.from({ length: counties }, (_, i) => 1000 + i);
  const columns = new Proxy({}, { get: (_, key) => [`col_${String(key)}`] });
  return { county: c[Math.floor(counties / 2)], province: p[5], counties: c, provinces: p, columns };
});
const WARMUP = 50; // run.mjs's default
const text = (b: Body) => JSON.stringify(b);

describe('bench:country questions', () => {
  for (const spec of specs)
    it(`never warm up with a request it times (${spec.counties.length} counties)`, () => {
      // Only Gongkai's: PostGraphile keeps no answers, and its province and country requests
      // repeat by design (one per province, one for the country).
      for (const q of questionSet(spec) as Question[]) {
        const [same, fresh, warm] = q.ours as [() => Body, (i: number) => Body, (i: number) => Body];
        const timed = Array.from({ length: TIMED }, (_, i) => text(fresh(i)));
        const warmed = new Set(Array.from({ length: WARMUP }, (_, i) => text(warm(i))));
        expect(new Set(timed).size, `${q.label}: first-asked requests repeat`).toBe(TIMED);
        for (const t of timed) expect(warmed.has(t), `${q.label} warms up with a timed request`).toBe(false);
        expect(timed.includes(text(same())), `${q.label} times its repeated request as first asked`).toBe(false);
      }
    });

  it('warm up the last row on metrics it never times, so that no slice it times is read before', () => {
    const last = (questionSet(specs[0]) as Question[]).at(-1) as Question;
    const metricOf = (b: Body) => b.variables?.m;
    const timed = new Set(Array.from({ length: TIMED }, (_, i) => metricOf((last.ours[1] as (i: number) => Body)(i))));
    const warmed = new Set(Array.from({ length: WARMUP }, (_, i) => metricOf((last.ours[2] as (i: number) => Body)(i))));
    expect([...timed].sort()).toEqual([...NEW_METRICS].sort());
    expect([...warmed].sort()).toEqual([...WARM_METRICS].sort());
  });
});
