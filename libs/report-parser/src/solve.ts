import type { SlotToken } from './tokens.js';

/** One resolved slot: the value and which token (and whether a split of it) it came from. */
export interface Slot {
  value: number | null;
  token: SlotToken | null;
  split: boolean;
}
export type Candidate = Slot[];

/**
 * A row's own arithmetic as groups of parts followed by their total: `[6]` is table 三's six
 * applicant columns then 总计, `[4, 4, 4]` table 四's three groups — made from the template lib's
 * equations (`slotGroups`), the ones the validator checks. The solver prunes a split the moment a
 * total slot disagrees, so long digit runs stay cheap.
 */
export interface SumRule {
  groups: readonly number[];
}

export function checkSums(rule: SumRule, v: readonly (number | null)[]): boolean {
  let i = 0;
  for (const g of rule.groups) {
    let sum = 0;
    for (let k = 0; k < g; k++) sum += v[i + k] ?? 0;
    if (sum !== (v[i + g] ?? 0)) return false;
    i += g + 1;
  }
  return true;
}

interface Slots {
  /** Slot index → the index of its group's first part when the slot is a group's total, else -1. */
  totalFrom: readonly number[];
  /** Slot index → its group's total's index when the slot is a part, else -1. */
  partOf: readonly number[];
}
const totalsCache = new WeakMap<SumRule, Map<number, Slots>>();
/** A rule's groups as slot indexes, made once per rule and slot count (rules are module constants). */
function ruleSlots(rule: SumRule | null, n: number): Slots {
  if (!rule) return { totalFrom: new Array<number>(n).fill(-1), partOf: new Array<number>(n).fill(-1) };
  let byN = totalsCache.get(rule);
  if (!byN) totalsCache.set(rule, (byN = new Map()));
  let out = byN.get(n);
  if (!out) {
    const totalFrom = new Array<number>(n).fill(-1);
    const partOf = new Array<number>(n).fill(-1);
    let i = 0;
    for (const g of rule.groups) {
      if (i + g < n) {
        totalFrom[i + g] = i;
        for (let k = i; k < i + g; k++) partOf[k] = i + g;
      }
      i += g + 1;
    }
    out = { totalFrom, partOf };
    byN.set(n, out);
  }
  return out;
}

export interface RowOptions {
  /** x of each column's centre (PDF), to place the numbers of a row with blank cells. */
  centers?: number[];
  /** The document prints its zeros, so a run with exactly one digit per slot hides no blank. */
  zerosPrinted?: boolean;
}

export interface RowCandidates {
  /** Every reading of the row's tokens that fits its slot count (and its own rule, when any does). */
  cands: Candidate[];
  /** Whether `cands` satisfy the row rule; false means the rule filtered everything out. */
  ruled: boolean;
  problem?: 'tooMany' | 'tooFew' | 'tooAmbiguous' | 'noConsistentSplit' | 'unverifiable';
  /** The numbers were put under columns by their position in a line of text (spaces, not a PDF's x). */
  placedByTextPosition?: boolean;
}

/** Enumerating more readings than this means the digits tell us nothing; report it as such. */
const MAX_READINGS = 200_000;
const MAX_PART_DIGITS = 12;

function digitCount(v: number): number {
  let d = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) d++;
  return d;
}

function tokenValue(t: SlotToken): number | null {
  if (t.kind !== 'value') return null;
  const n = Number(t.digits);
  return Number.isFinite(n) ? n : null;
}

/**
 * The readings of one row. A row with exactly `n` slots reads directly; with fewer, its digit runs
 * may have lost their separators, so every split into `n` numbers is a candidate (no part with a
 * leading zero), filtered by the row's own arithmetic.
 */
export function rowCandidates(tokens: SlotToken[], n: number, rule: SumRule | null, options: RowOptions = {}): RowCandidates {
  const { centers, zerosPrinted = false } = options;
  let toks = tokens;
  if (toks.length > n) {
    toks = tokens.slice();
    while (toks.length > n && toks[0]?.kind === 'blank') toks.shift();
    while (toks.length > n && toks[toks.length - 1]?.kind === 'blank') toks.pop();
    if (toks.length > n) return { cands: [], ruled: false, problem: 'tooMany' };
  }
  if (toks.length === n && toks.every((t) => t.kind !== 'value' || t.digits.length <= (t.digits.charCodeAt(0) === 45 ? 16 : 15))) {
    return { cands: [toks.map((t) => ({ value: tokenValue(t), token: t, split: false }))], ruled: true };
  }
  if (toks.length === 0) return { cands: [], ruled: false, problem: 'tooFew' };

  // Numbers with a position (PDF lines, space-aligned text): blank cells leave no item, so each
  // number goes to the column it stands under — only when it stands clearly under one.
  if (centers && centers.length === n && toks.every((t) => t.prov.x !== undefined)) {
    const slots: Slot[] = Array.from({ length: n }, () => ({ value: null, token: null, split: false }));
    let spacing = Number.POSITIVE_INFINITY;
    for (let i = 1; i < n; i++) spacing = Math.min(spacing, Math.abs((centers[i] as number) - (centers[i - 1] as number)));
    let ok = toks.length < n;
    for (const t of toks) {
      const x = t.prov.x as number;
      let best = 0;
      for (let i = 1; i < n; i++) if (Math.abs((centers[i] as number) - x) < Math.abs((centers[best] as number) - x)) best = i;
      if ((slots[best] as Slot).token || Math.abs((centers[best] as number) - x) > spacing * 0.3) ok = false;
      slots[best] = { value: tokenValue(t), token: t, split: false };
    }
    if (ok) return { cands: [slots], ruled: true, ...(toks.some((t) => t.prov.page === undefined) ? { placedByTextPosition: true } : {}) };
  }

  const all: Candidate[] = [];
  let visited = 0;
  let overflow = false;
  // A signed run may have swallowed the next cells' digits too: it splits like any other.
  const partsOf = (t: SlotToken): boolean => t.kind === 'value' && /^-?\d+$/.test(t.digits) && !t.unit && !t.annotation;
  const splittable = toks.map(partsOf);
  const minRest: number[] = [];
  const maxRest: number[] = [];
  for (let i = toks.length - 1, lo = 0, hi = 0; i >= 0; i--) {
    lo += 1;
    hi += splittable[i] ? (toks[i] as { digits: string }).digits.replace(/^-/, '').length : 1;
    minRest[i] = lo;
    maxRest[i] = hi;
  }
  // The branch being walked, as flat arrays: slots are made only for complete readings.
  const vals: (number | null)[] = [];
  const from: number[] = [];
  const wasSplit: boolean[] = [];
  // Slot index → its group's first part, or -1 for a part (a total just filled must equal its parts).
  const { totalFrom, partOf } = ruleSlots(rule, n);
  // A group's parts so far can outgrow any total the digits left could spell: then no longer part
  // fits either. Sound only when no later token is a whole number (it could spell any total) and
  // no value is negative (sums only grow).
  const wholeAfter: boolean[] = [];
  for (let i = toks.length - 1, seen = false; i >= 0; i--) {
    wholeAfter[i] = seen;
    if (!splittable[i] && toks[i]?.kind === 'value') seen = true;
  }
  const bounded = !toks.some((t) => t.kind === 'value' && t.digits.startsWith('-'));
  const fits = (): boolean => {
    const at = vals.length - 1;
    const first = totalFrom[at] as number;
    if (first < 0) return true;
    let sum = 0;
    for (let k = first; k < at; k++) sum += vals[k] ?? 0;
    return sum === (vals[at] ?? 0);
  };
  const walk = (ti: number) => {
    if (overflow) return;
    if (++visited > MAX_READINGS) {
      overflow = true;
      return;
    }
    if (ti === toks.length) {
      if (vals.length === n) all.push(vals.map((value, i) => ({ value, token: toks[from[i] as number] as SlotToken, split: wasSplit[i] as boolean })));
      return;
    }
    const left = n - vals.length;
    if (left < (minRest[ti] as number) || left > (maxRest[ti] as number)) return;
    const t = toks[ti] as SlotToken;
    if (!splittable[ti]) {
      vals.push(tokenValue(t));
      from.push(ti);
      wasSplit.push(false);
      if (fits()) walk(ti + 1);
      vals.pop();
      from.pop();
      wasSplit.pop();
      return;
    }
    const signed = (t as { digits: string }).digits.startsWith('-');
    const digits = (t as { digits: string }).digits.replace(/^-/, '');
    const restMin = (minRest[ti + 1] ?? 0) as number;
    const restMax = (maxRest[ti + 1] ?? 0) as number;
    const splitInto = (pos: number, partsLeft: number) => {
      if (overflow) return;
      if (pos === digits.length) {
        walk(ti + 1);
        return;
      }
      const remaining = digits.length - pos;
      if (partsLeft <= 0 && remaining > 0) return;
      const first = totalFrom[vals.length] as number;
      if (first >= 0 && !(signed && pos === 0)) {
        // A total slot: the one part that can fill it is its group's sum, where the digits here
        // spell it — taken directly instead of trying every length (the same readings).
        let sum = 0;
        for (let k = first; k < vals.length; k++) sum += vals[k] ?? 0;
        const spelt = String(sum);
        if (spelt.length > MAX_PART_DIGITS || !digits.startsWith(spelt, pos)) return;
        const after = remaining - spelt.length;
        if (after + restMax < n - vals.length - 1 || (after > 0 && partsLeft - 1 <= 0)) return;
        vals.push(sum);
        from.push(ti);
        wasSplit.push(true);
        splitInto(pos + spelt.length, partsLeft - 1);
        vals.pop();
        from.pop();
        wasSplit.pop();
        return;
      }
      // A part with a leading zero is "0" alone ("00" is two cells run together).
      const longest = digits.charCodeAt(pos) === 48 ? 1 : Math.min(MAX_PART_DIGITS, remaining);
      let value = 0;
      const total = bounded && !wholeAfter[ti] ? (partOf[vals.length] as number) : -1;
      let sumBefore = 0;
      if (total >= 0) for (let k = totalFrom[total] as number; k < vals.length; k++) sumBefore += vals[k] ?? 0;
      for (let len = 1; len <= longest; len++) {
        value = value * 10 + (digits.charCodeAt(pos + len - 1) - 48);
        const after = remaining - len;
        // The slots still open after this part need digits: a longer part only leaves fewer.
        if (after + restMax < n - vals.length - 1) break;
        // The total gets at most the digits the other open slots leave; a longer part only sums more.
        if (total >= 0 && digitCount(sumBefore + value) > after + restMax - (n - vals.length - 2)) break;
        if (after > 0 && partsLeft - 1 <= 0) continue;
        vals.push(signed && pos === 0 ? -value : value);
        from.push(ti);
        wasSplit.push(true);
        if (fits()) splitInto(pos + len, partsLeft - 1);
        vals.pop();
        from.pop();
        wasSplit.pop();
        if (overflow) return;
      }
    };
    // This token may take between 1 and (slots left − what the rest needs) parts.
    const maxParts = Math.min(digits.length, left - restMin);
    splitInto(0, maxParts);
  };
  walk(0);
  if (overflow) return { cands: [], ruled: false, problem: 'tooAmbiguous' };

  // A whole token is never "split" into one part: mark true splits only where a token gave >1 part
  // (a token's parts stand side by side, tokens being read in order).
  for (const c of all) {
    for (let i = 0; i < c.length; i++) {
      const s = c[i] as Slot;
      if (s.split && s.token && c[i - 1]?.token !== s.token && c[i + 1]?.token !== s.token) s.split = false;
    }
  }
  // A token that is one printed number has no leading zero ("00" is two cells run together).
  if (all.length === 0) return { cands: [], ruled: false, problem: 'tooFew' };
  if (!rule) {
    // Without arithmetic to check a split against, only a run of zeros splits for certain
    // ("000" cannot hide a blank cell: no cell is printed "00").
    const split = all.some((c) => c.some((x) => x.split));
    const certain = all.length === 1 && (zerosPrinted || (all[0] as Candidate).every((x) => !x.split || x.value === 0));
    if (split && !certain) return { cands: [], ruled: false, problem: 'unverifiable' };
    return { cands: all, ruled: true };
  }
  const passing = all.filter((c) =>
    checkSums(
      rule,
      c.map((s) => s.value),
    ),
  );
  // A split is a guess unless the row's own arithmetic confirms it.
  return passing.length > 0 ? { cands: passing, ruled: true } : { cands: [], ruled: false, problem: 'noConsistentSplit' };
}

/**
 * Chooses among row readings with constraints that span rows (column balance, outcome sums).
 * Returns, per row, the readings that take part in at least one consistent combination; when no
 * combination is consistent (the report itself is wrong) or there are too many, rows keep their
 * own readings.
 */
export function solveAcrossRows(
  rows: Map<string, Candidate[]>,
  check: (pick: Map<string, (number | null)[]>) => boolean,
  limit = 200_000,
): Map<string, Candidate[]> {
  const multi = [...rows.entries()].filter(([, c]) => c.length > 1);
  if (multi.length === 0) return rows;
  let combos = 1;
  for (const [, c] of multi) {
    combos *= c.length;
    if (combos > limit) return rows;
  }
  const pick = new Map<string, (number | null)[]>();
  for (const [k, c] of rows)
    if (c.length === 1)
      pick.set(
        k,
        (c[0] as Candidate).map((s) => s.value),
      );
  const keep = new Map<string, Set<number>>(multi.map(([k]) => [k, new Set<number>()]));
  const idx = new Array<number>(multi.length).fill(0);
  const rec = (i: number) => {
    if (i === multi.length) {
      if (check(pick)) {
        for (const [j, [k]] of multi.entries()) keep.get(k)?.add(idx[j] as number);
      }
      return;
    }
    const [k, cands] = multi[i] as [string, Candidate[]];
    cands.forEach((c, ci) => {
      idx[i] = ci;
      pick.set(
        k,
        c.map((s) => s.value),
      );
      rec(i + 1);
    });
  };
  rec(0);
  if ([...keep.values()].every((s) => s.size === 0)) return rows;
  const out = new Map(rows);
  for (const [k, cands] of multi)
    out.set(
      k,
      cands.filter((_, i) => keep.get(k)?.has(i)),
    );
  return out;
}
