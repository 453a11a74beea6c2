import {
  APPLICANT_COLUMNS,
  APPLICANT_KEYS,
  APPLICANT_ROW_TOTAL,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  APPLICATIONS_BALANCE,
  APPLICATIONS_OUTCOME_SUM,
  type ApplicationRowDef,
  type ApplicationRowKey,
  cellLabel,
  type Finding,
  type ProactiveItemDef,
  type Provenance,
  proactivePath,
  RECONSIDERATION_HEADING,
  REVIEW_COLUMNS,
  REVIEW_GROUP_TOTAL,
  REVIEW_GROUPS,
  REVIEW_KEYS,
  RULES,
  type RuleId,
  slotGroups,
} from '@gongkai/report-template';
import { labelKey } from './normalize.js';
import { type Candidate, type RowCandidates, rowCandidates, type SumRule, solveAcrossRows } from './solve.js';
import type { SrcRow } from './source.js';
import { isProse, type LabelToken, type SlotToken, tokenizeRow } from './tokens.js';

export interface TableOut {
  values: Map<string, number | null>;
  provenance: Record<string, Provenance>;
  findings: Finding[];
  /** Number of template rows recognised: 0 means the table was not found. */
  matched: number;
}

/** `provenance` may be the report's own record: tables write into it directly (copying was hot). */
function newOut(provenance: Record<string, Provenance> = {}): TableOut {
  return { values: new Map(), provenance, findings: [], matched: 0 };
}

function push(out: TableOut, rule: RuleId, message: string, cells: readonly string[]) {
  // A copy: path lists are shared constants, and findings get cells added later.
  out.findings.push({ rule, severity: RULES[rule].severity, message, cells: [...cells] });
}

interface RowDef {
  key: string;
  aliases: string[];
  /** For fuzzy matching of misprinted labels. */
  plain: string;
  /** The list number printed before the label (`1.`, `(三)`), folded; for labels cut short. */
  listNo?: string;
}

/** A row of numbers in a table with no label of its own (a converter lost it). */
export interface BareRow {
  /** The template rows opened before and after it, in document order. */
  after: string | null;
  before: string | null;
  tokens: SlotToken[];
}

const bigramCache = new WeakMap<RowDef, Map<string, number>>();
const vocabulary = new WeakMap<RowDef[], Set<string>>();

interface LogicalRow {
  key: string;
  label: string;
  tokens: SlotToken[];
  fuzzy: boolean;
  /** Text without cells: the row opened with numbers met before its label, on lines of no row. */
  carried?: boolean;
  /** Text without cells: the line its label ended on held numbers, which is then the row's line. */
  ownLine?: number;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}
function dice(A: Map<string, number>, B: Map<string, number>): number {
  let inter = 0;
  let total = 0;
  for (const [k, n] of A) {
    inter += Math.min(n, B.get(k) ?? 0);
    total += n;
  }
  for (const n of B.values()) total += n;
  return total === 0 ? 0 : (2 * inter) / total;
}

/**
 * Walks physical rows and groups value tokens under the template row whose label precedes them.
 * Label text accumulates until values arrive, so wrapped labels and group headings work; the
 * label that ends last wins (the most specific one, next to the numbers).
 */
function logicalRows(
  rows: SrcRow[],
  defs: RowDef[],
  expected: (key: string) => number,
  isGroupLabel?: (key: string, seen: Set<string>) => boolean,
  /** Table 三: rows of numbers whose label was lost are kept apart (group headings are no label). */
  bare?: { groupWords: readonly string[] },
) {
  const found = new Map<string, LogicalRow>();
  const bares: (BareRow & { row: LogicalRow })[] = [];
  // Text without cells: numbers met on a line of no template row's label, by the row opened last.
  const displaced = new Set<string | null>();
  let lastOpened: string | null = null;
  let matchEnd = 0;
  const unknown: string[] = [];
  const seen = new Set<string>();
  let current: LogicalRow | null = null;
  let acc = '';
  let accRaw = '';
  let pending: SlotToken[] = [];

  // Aliases indexed by their last character: a match is looked for only where new label text ends.
  const byLast = aliasIndex(defs);
  const ends = aliasEnds(byLast);
  const match = (text: string, from: number): RowDef | null => {
    for (let pos = text.length - 1; pos >= from; pos--) {
      const code = text.charCodeAt(pos);
      if (ends[code] === 0) continue;
      const cands = byLast.get(code);
      if (!cands) continue;
      for (const [alias, d] of cands) {
        const start = pos + 1 - alias.length;
        if (start >= 0 && text.startsWith(alias, start) && !isGroupLabel?.(d.key, seen)) return d;
      }
    }
    return null;
  };
  /** Numbers after the label on the line being read (text: its row's own numbers). */
  let ownCount = 0;
  const open = (def: RowDef, fuzzy: boolean) => {
    if (current?.key === def.key) return;
    const existing = found.get(def.key);
    if (existing && existing.tokens.length > 0) {
      current = null; // a repeated label (e.g. a header echoed on the next page): ignore its values
      return;
    }
    current = existing ?? { key: def.key, label: accRaw.trim(), tokens: [], fuzzy };
    if (ownCount > 0 && !rowIsTable) current.ownLine = rowIndex;
    found.set(def.key, current);
    seen.add(def.key);
    for (const b of bares) b.before ??= def.key;
    lastOpened = def.key;
    if (pending.length > 0) {
      // In text, a row whose own line has all its numbers leaves a line of numbers before it
      // unread: that line belongs to no label here (misalignedRows says which rows are in doubt).
      if (!pendingFromText || ownCount < expected(def.key)) {
        current.tokens.push(...pending);
        if (pendingFromText) current.carried = true;
      }
      pending = [];
    }
  };
  let pendingFromText = false;

  let accMatched = false;
  let rowIsTable = false;
  let rowIndex = -1;
  for (const row of rows) {
    rowIndex++;
    ownCount = 0;
    if (isProse(row)) continue;
    rowIsTable = row.table === true;
    let tokens = tokenizeRow(row);
    const firstLabel = tokens.findIndex((t) => t.kind === 'label');
    if (firstLabel > 0) tokens = tokens.filter((t, i) => i >= firstLabel || t.kind !== 'blank');
    if (bare && row.table && !tokens.some((x) => x.kind === 'label')) {
      // The lost label's empty cells are no slots: table 三's numbers fill its last columns.
      while (tokens.length > expected('') && tokens[0]?.kind === 'blank') tokens = tokens.slice(1);
      while (tokens.length > expected('') && tokens[tokens.length - 1]?.kind === 'blank') tokens = tokens.slice(0, -1);
    }
    // Empty cells found to be no slots (made only for rows that have such).
    let skip: Set<number> | null = null;
    // Cells other than labels still ahead on this line (counted once: a line may be megabytes).
    let ahead = 0;
    for (const t of tokens) if (t.kind !== 'label') ahead++;
    for (let ti = 0; ti < tokens.length; ti++) {
      const t = tokens[ti] as (typeof tokens)[number];
      if (t.kind !== 'label') ahead--;
      if (skip?.has(ti)) continue;
      if (t.kind === 'label') {
        ownCount = ahead;
        // A table row with more cells than its label has slots: some empty cells are no slots.
        if (row.blanksAreCells && tokens[ti + 1]?.kind !== 'label' && !hasLabelFrom(tokens, ti + 1)) {
          const def = match(acc + (t as LabelToken).key, acc.length);
          let extra = def ? tokens.length - ti - 1 - expected(def.key) : 0;
          if (extra > 0) {
            // Table 三's number columns are a real table's last ones: the extra cells are label area.
            // Table 二's short rows, and text dumps, pad after their numbers instead.
            const skipped = (skip ??= new Set<number>());
            const lead = () => {
              for (let k = ti + 1; extra > 0 && tokens[k]?.kind === 'blank'; k++, extra--) skipped.add(k);
            };
            if (row.table && bare) lead();
            for (let k = tokens.length - 1; extra > 0 && tokens[k]?.kind === 'blank'; k--, extra--) skipped.add(k);
            lead();
          }
        }
        const from = acc.length;
        acc += (t as LabelToken).key;
        accRaw += (t as LabelToken).text;
        const def = match(acc, from);
        if (def) {
          open(def, false);
          accMatched = true;
          matchEnd = acc.length;
        }
        continue;
      }
      if (t.kind === 'blank' && acc && !accMatched) continue; // layout filler after a header label
      if (acc) {
        // A long label cut after a few characters, its numbers beside the first piece.
        const cut = cutLabel(acc.slice(matchEnd), defs, found);
        if (cut) {
          open(cut, false);
          accMatched = true;
          // A wrapped label's numbers on the line after its first piece: that line is the row's own.
          if (!row.table && current) (current as LogicalRow).ownLine = rowIndex;
        }
      }
      const onlyGroups =
        bare !== undefined && acc !== '' && !accMatched && bare.groupWords.reduce((a, w) => a.replaceAll(w, ''), acc).replace(/[\d.()]/g, '') === '';
      const bareRow = bare !== undefined && row.table && ((ti === 0 && !tokens.some((x) => x.kind === 'label')) || onlyGroups);
      if (bareRow && current !== DISCARD && (current as LogicalRow | null)?.tokens.some((x) => x.kind !== 'blank')) {
        // Not the next row's numbers: they go where the template has a row without any.
        const b = { after: lastOpened, before: null, tokens: [], row: { key: '', label: '', tokens: [], fuzzy: false } };
        bares.push(b);
        current = b.row;
        acc = '';
        accRaw = '';
      } else if (onlyGroups) {
        acc = '';
        accRaw = '';
      }
      const cur0 = current as LogicalRow | null;
      // A real table's row that got all its cells, blank ones included, is complete: an unknown
      // label after it that opens with a list number is another row (another table's, when a
      // heading was lost), not the rest of its label with its numbers.
      const complete = (r: LogicalRow) => row.table === true && r.tokens.length >= expected(r.key) && OPENS_ROW.test(accRaw);
      // Text: a row that had numbers on its label's line takes none from another line.
      const ownLineDone = (r: LogicalRow | null) => r?.ownLine !== undefined && r.ownLine !== rowIndex;
      const roomInCurrent =
        cur0 !== null &&
        cur0 !== DISCARD &&
        !ownLineDone(cur0) &&
        (cur0.tokens.length < expected(cur0.key) || (cur0.tokens.every((x) => x.kind === 'blank') && !complete(cur0)));
      if (acc && !accMatched && !roomInCurrent) {
        // Values after a label that matches nothing: a misprint, or a row we do not know.
        const fuzzy = fuzzyMatch(acc, defs, found);
        if (fuzzy) open(fuzzy, true);
        else {
          // Its numbers belong to that unknown row: drop them rather than give them to a neighbour.
          current = DISCARD;
          if (!row.table) displaced.add(lastOpened);
          // Table 四's header met inside table 三's section (its heading was lost) is no unknown row.
          if (/[\u4e00-\u9fff]{2}/.test(accRaw) && !REVIEW_HEADER.test(acc)) unknown.push(accRaw.trim());
        }
      }
      acc = '';
      accRaw = '';
      accMatched = false;
      matchEnd = 0;
      const cur = current as LogicalRow | null;
      if (cur === DISCARD) continue;
      // A label row whose cells were all empty, with its numbers in the next row or table.
      if (cur && t.kind !== 'blank' && cur.tokens.length >= expected(cur.key) && cur.tokens.every((x) => x.kind === 'blank')) cur.tokens = [];
      if (cur && !ownLineDone(cur) && cur.tokens.length < expected(cur.key)) cur.tokens.push(t);
      else if (t.kind !== 'blank') {
        if (!row.table && firstLabel < 0) displaced.add(lastOpened);
        if (pending.length === 0) pendingFromText = !row.table;
        pending.push(t);
        current = null;
      }
    }
  }
  return { found, unknown, displaced, bares: bares.map((b) => ({ after: b.after, before: b.before, tokens: b.row.tokens })) };
}

function hasLabelFrom(tokens: readonly { kind: string }[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) if ((tokens[k] as { kind: string }).kind === 'label') return true;
  return false;
}

/** A list number that opens a template row: 一、 （一） 1. 1、 */
const OPENS_ROW = /[一二三四五六七八九十]、|[（(][一二三四五六七八九十]+[)）]|\d[.．、]/;

/** Table 四's header words: met in table 三's section when table 四's heading was lost. */
const REVIEW_HEADER = new RegExp([RECONSIDERATION_HEADING, ...REVIEW_COLUMNS.slice(0, 1).map((c) => c.label)].map(labelKey).join('|'));

const LIST_NO = /(\d\.|\([一二三四五六七八九十]\)|[一二三四五六七八九十]\.)([^\d.()]{2,})$/;

/** `5.要求行政机关确`: a list number and the opening of exactly one row's label not yet read. */
function cutLabel(tail: string, defs: RowDef[], found: Map<string, LogicalRow>): RowDef | null {
  const m = LIST_NO.exec(tail);
  if (!m) return null;
  const [, no, words] = m as unknown as [string, string, string];
  const hits = defs.filter((d) => d.listNo === no && d.plain.startsWith(words) && !found.get(d.key)?.tokens.some((t) => t.kind !== 'blank'));
  return hits.length === 1 ? (hits[0] as RowDef) : null;
}

const indexCache = new WeakMap<RowDef[], Map<number, [string, RowDef][]>>();
/** Last character's code → [alias, row], longest alias first (the most specific label wins a tie). */
function aliasIndex(defs: RowDef[]): Map<number, [string, RowDef][]> {
  let index = indexCache.get(defs);
  if (index) return index;
  index = new Map();
  for (const d of defs) {
    for (const a of d.aliases) {
      const last = a.charCodeAt(a.length - 1);
      const list = index.get(last) ?? [];
      list.push([a, d]);
      index.set(last, list);
    }
  }
  for (const list of index.values()) list.sort((x, y) => y[0].length - x[0].length);
  indexCache.set(defs, index);
  return index;
}

const endsCache = new WeakMap<Map<number, [string, RowDef][]>, Uint8Array>();
/** Which character codes end an alias: most characters of a label end none, told without a Map lookup. */
function aliasEnds(index: Map<number, [string, RowDef][]>): Uint8Array {
  let ends = endsCache.get(index);
  if (!ends) {
    ends = new Uint8Array(0x10000);
    for (const code of index.keys()) ends[code] = 1;
    endsCache.set(index, ends);
  }
  return ends;
}

const DISCARD: LogicalRow = { key: '', label: '', tokens: [], fuzzy: false };

function fuzzyMatch(acc: string, defs: RowDef[], found: Map<string, LogicalRow>): RowDef | null {
  // Misprints are a character or two; anything much longer than a label is not one.
  if (acc.length < 5 || acc.length > 80) return null;
  const A = bigrams(acc);
  let vocab = vocabulary.get(defs);
  if (!vocab) vocabulary.set(defs, (vocab = new Set(defs.flatMap((d) => [...bigrams(d.plain).keys()]))));
  let shared = 0;
  for (const b of A.keys()) if (vocab.has(b)) shared++;
  if (shared < 3) return null;
  const scored = defs
    .filter((d) => !found.has(d.key) && d.plain.length >= 4)
    .map((d) => {
      let B = bigramCache.get(d);
      if (!B) bigramCache.set(d, (B = bigrams(d.plain)));
      return { d, s: dice(A, B) };
    })
    .sort((a, b) => b.s - a.s);
  const [first, second] = scored;
  if (!first || first.s < 0.6) return null;
  if (second && second.s > first.s - 0.15) return null;
  return first.d;
}

function stripListNo(label: string): string {
  return labelKey(label).replace(/^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.)/, '');
}

/** Long labels wrap in PDFs with the numbers between the parts: their opening words suffice. */
function openingAlias(r: ApplicationRowDef): string[] {
  const plain = stripListNo(r.label).replace(/\(.*\)$/, '');
  if (plain.length <= 10) return [];
  const head = plain.slice(0, 8);
  const clash = APPLICATION_ROWS.some((o) => o !== r && stripListNo(o.label).includes(head));
  return clash ? [] : [head];
}

const APP_DEFS: RowDef[] = APPLICATION_ROWS.map((r) => ({
  key: r.key,
  aliases: [...new Set([...(r.needsListNo ? [] : [stripListNo(r.label)]), labelKey(r.label), ...r.aliases.map(labelKey), ...openingAlias(r)])],
  plain: stripListNo(r.label),
  listNo: labelKey(r.label).slice(0, labelKey(r.label).length - stripListNo(r.label).length) || undefined,
}));

/** Writes a row's readings to its cell paths: a value only where every reading agrees. */
function assignRow(out: TableOut, paths: string[], rc: RowCandidates, label: string) {
  if (rc.problem || rc.cands.length === 0) {
    for (const p of paths) out.values.set(p, null);
    if (rc.problem === 'tooAmbiguous') {
      push(out, 'parse.ambiguous', `${label}: 数字粘连，可拆分方式过多，无法确定`, paths);
    } else if (rc.problem === 'unverifiable') {
      push(out, 'parse.ambiguous', `${label}: 数字粘连，本表没有可核对的勾稽关系，无法确定如何拆分`, paths);
    } else if (rc.problem === 'noConsistentSplit') {
      push(out, 'parse.ambiguous', `${label}: 数字粘连，任何拆分都不符合本行总计，无法确定`, paths);
    } else {
      push(out, 'parse.cellCount', `${label}: 应有 ${paths.length} 个数字，${rc.problem === 'tooMany' ? '读到的更多' : '读到的更少'}，该行未采用`, paths);
    }
    return;
  }
  const ambiguous: string[] = [];
  let raw = '';
  const { cands } = rc;
  const first = cands[0] as Candidate;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i] as string;
    const slot = first[i] as Candidate[number];
    let agreed = true;
    let split = slot.split;
    for (let k = 1; k < cands.length; k++) {
      const other = (cands[k] as Candidate)[i] as Candidate[number];
      if (other.value !== slot.value) agreed = false;
      if (other.split) split = true;
    }
    if (agreed) {
      out.values.set(p, slot.value);
      if (slot.token) {
        const prov = provenanceOf(slot.token);
        if (split) prov.split = true;
        out.provenance[p] = prov;
      }
    } else {
      out.values.set(p, null);
      ambiguous.push(p);
      raw = slot.token?.raw ?? raw;
    }
  }
  if (ambiguous.length > 0) {
    push(
      out,
      'parse.ambiguous',
      `${label}: 数字“${raw.trim()}”有 ${rc.cands.length} 种符合勾稽关系的拆分，无法确定 ${ambiguous.map((p) => cellLabel(p).split('·').pop()).join('、')}`,
      ambiguous,
    );
  }
}

/**
 * A cell's provenance: its printed text and where it stood. Fields set one by one in a fixed
 * order (the order every extractor writes them in): three times as fast as a spread, and the
 * records come in a few shapes only.
 */
function provenanceOf(token: SlotToken): Provenance {
  const p = token.prov;
  const out: Provenance = { raw: token.raw };
  if (p.line !== undefined) out.line = p.line;
  if (p.offset !== undefined) out.offset = p.offset;
  if (p.table !== undefined) out.table = p.table;
  if (p.row !== undefined) out.row = p.row;
  if (p.col !== undefined) out.col = p.col;
  if (p.page !== undefined) out.page = p.page;
  if (p.x !== undefined) out.x = p.x;
  if (p.y !== undefined) out.y = p.y;
  if (p.split !== undefined) out.split = p.split;
  if (p.derived !== undefined) out.derived = p.derived;
  return out;
}

/** Cell paths built once: new strings per report were a measurable share of the parse. */
const APP_PATHS = new Map<string, string[]>(APPLICATION_ROWS.map((d) => [d.key, APPLICANT_COLUMNS.map((c) => `applications.${d.key}.${c.key}`)]));
const REVIEW_PATHS = REVIEW_GROUPS.flatMap((g) => REVIEW_KEYS.map((k) => `reviews.${g.key}.${k}`));
const itemPaths = new WeakMap<ProactiveItemDef, string[]>();
function pathsOfItem(item: ProactiveItemDef): string[] {
  let p = itemPaths.get(item);
  if (!p) itemPaths.set(item, (p = item.columns.map((c) => proactivePath(item, c))));
  return p;
}

/** Table 三's row: the six applicant columns add up to 总计 (the validator's applications.rowTotal). */
const sum6: SumRule = { groups: slotGroups(APPLICANT_KEYS, APPLICANT_ROW_TOTAL) };

/** Group headings of table 三 (folded): beside a lost sub-row label they name no row. */
const GROUP_WORDS = [...new Set(APPLICATION_GROUPS.flatMap((g) => [g.label, ...g.aliases].map(labelKey)))].sort((a, b) => b.length - a.length);
const ROW_ORDER: readonly string[] = APPLICATION_ROWS.map((r) => r.key);
const ROW_BY_KEY = new Map<string, ApplicationRowDef>(APPLICATION_ROWS.map((r) => [r.key, r]));

/** Whether the table has row `k`: （六） is one row, or three sub-rows once one of them is printed. */
function rowApplies(k: string, hasParts: boolean): boolean {
  return k === 'otherHandling.total' ? !hasParts : !k.startsWith('otherHandling.') || hasParts;
}

/**
 * Rows of numbers whose label a converter lost go where the template has rows without numbers
 * between the labelled rows around them. One way to place them that fits the table's arithmetic
 * is taken and said (`parse.realigned`); more than one, and the rows they could be are flagged.
 * Returns the rows to flag, with the message.
 */
function placeBareRows(
  bares: BareRow[],
  found: Map<string, LogicalRow>,
  readings: Map<string, Candidate[]>,
  rcs: Map<string, RowCandidates>,
  hasParts: boolean,
  balanced: (pick: Map<string, readonly (number | null)[]>) => boolean,
  out: TableOut,
): Map<string, string> {
  const flagged = new Map<string, string>();
  const applies = (k: string) => rowApplies(k, hasParts);
  const filled = (k: string) => found.get(k)?.tokens.some((t) => t.kind !== 'blank') ?? false;
  const gaps = new Map<string, BareRow[]>();
  for (const b of bares) {
    // Numbers after the table's last row are the next table's (table 四 without its heading).
    if (!b.tokens.some((t) => t.kind !== 'blank') || b.after === ROW_ORDER[ROW_ORDER.length - 1]) continue;
    const id = `${b.after}|${b.before}`;
    gaps.set(id, [...(gaps.get(id) ?? []), b]);
  }
  for (const list of gaps.values()) {
    const first = list[0] as BareRow;
    const lo = first.after ? ROW_ORDER.indexOf(first.after) : -1;
    const hi = first.before ? ROW_ORDER.indexOf(first.before) : ROW_ORDER.length;
    const slots = ROW_ORDER.slice(lo + 1, Math.max(lo + 1, hi)).filter((k) => applies(k) && !filled(k));
    const reads = list.map((b) => rowCandidates(b.tokens, 7, sum6));
    const where = `${first.after ? (ROW_BY_KEY.get(first.after)?.full ?? '') : '表首'}与${first.before ? (ROW_BY_KEY.get(first.before)?.full ?? '') : '表尾'}之间`;
    if (slots.length < list.length || reads.some((r) => r.problem || r.cands.length !== 1)) {
      push(out, 'parse.unknownRow', `${where}有 ${list.length} 行数字没有行标签，无法确定属于哪一行，未采用`, []);
      continue;
    }
    // Every order-keeping way to put the bare rows on the empty rows, kept if the arithmetic holds.
    const fits: string[][] = [];
    const pick = new Map<string, readonly (number | null)[]>();
    for (const [k, c] of readings)
      pick.set(
        k,
        (c[0] as Candidate).map((x) => x.value),
      );
    const choose = (from: number, chosen: string[]) => {
      if (chosen.length === list.length) {
        for (const [i, k] of chosen.entries())
          pick.set(
            k,
            ((reads[i] as RowCandidates).cands[0] as Candidate).map((x) => x.value),
          );
        if (balanced(pick)) fits.push([...chosen]);
        for (const k of chosen) pick.delete(k);
        return;
      }
      for (let i = from; i <= slots.length - (list.length - chosen.length); i++) choose(i + 1, [...chosen, slots[i] as string]);
    };
    if (slots.length <= 12) choose(0, []);
    const only = fits.length === 1 ? (fits[0] as string[]) : slots.length === list.length ? slots : null;
    if (only) {
      only.forEach((key, i) => {
        const b = list[i] as BareRow;
        const rc = reads[i] as RowCandidates;
        found.set(key, { key, label: '', tokens: b.tokens, fuzzy: false });
        rcs.set(key, rc);
        readings.set(key, rc.cands);
        const def = ROW_BY_KEY.get(key);
        push(
          out,
          'parse.realigned',
          `${where}有一行数字没有行标签，按表格行序${fits.length === 1 && slots.length > list.length ? '和勾稽关系' : ''}读作“${def?.full}”`,
          APP_PATHS.get(key) as string[],
        );
      });
      continue;
    }
    const names = slots.map((k) => `“${ROW_BY_KEY.get(k)?.full}”`).join('、');
    for (const k of slots) flagged.set(k, `${where}有 ${list.length} 行数字没有行标签，可能属于 ${names}，无法确定`);
  }
  return flagged;
}

/**
 * Text without cells (pdftotext -layout of a page with tight cells) can set a row's numbers a
 * line above or below its label. Once a labelled row has no numbers and a line of
 * numbers has no label, every row between the two may hold its neighbour's numbers, and the
 * column sums hold either way: those rows are refused rather than read one way.
 */
function misalignedRows(displaced: ReadonlySet<string | null>, found: Map<string, LogicalRow>, hasParts: boolean): Map<string, string> {
  const flagged = new Map<string, string>();
  // A row given numbers from lines before its label, with its own line's numbers passed on in
  // turn: a chain of rows each holding its neighbour's numbers.
  for (const [k, r] of found) if (r.carried) flagged.set(k, `${ROW_BY_KEY.get(k)?.full}: 数字在行标签之前的无标签行中，可能属于上一行，无法确定`);
  // A row whose label was not found (two labels merged on one line) is a row without numbers too.
  const order = ROW_ORDER.filter((k) => rowApplies(k, hasParts));
  const empty = (k: string) => !found.get(k)?.tokens.some((t) => t.kind !== 'blank');
  // Where rows keep their numbers on their label's line, a row without numbers followed by a row
  // whose numbers all came from later lines: those lines may be the first row's, or both rows'
  // numbers a column at a time (two labels set with no line of their own between them).
  // A row without numbers beside a row with blank cells: that row's few numbers may be on the
  // line of the other row's label (a whole blank row and a shifted one look the same).
  if ([...found.values()].some((r) => r.ownLine !== undefined))
    for (let i = 0; i < order.length; i++) {
      const e = order[i] as string;
      if (!found.has(e) || !empty(e)) continue;
      for (const n of [order[i - 1], order[i + 1]]) {
        const r = n === undefined ? undefined : found.get(n);
        if (!r || r.carried || empty(r.key)) continue;
        const offLine = r.ownLine === undefined && n === order[i + 1];
        const few = r.tokens.length < APPLICANT_COLUMNS.length; // blank cells are tokens where the text keeps them
        if (!offLine && !few) continue;
        const why = offLine ? '的数字在其标签之后的行中，可能属于前一行或两行交错' : '有空白单元格，其数字可能属于相邻的这一行';
        for (const k of [e, r.key]) flagged.set(k, `“${ROW_BY_KEY.get(e)?.full}”一行没有数字，“${ROW_BY_KEY.get(r.key)?.full}”${why}，无法确定`);
      }
    }
  for (const after of displaced) {
    // The numbers line stands between `after` and the row that follows it.
    const at = after === null ? -1 : order.indexOf(after);
    if (after !== null && at < 0) continue;
    let up = at;
    while (up >= 0 && !empty(order[up] as string)) up--;
    let down = at + 1;
    while (down < order.length && !empty(order[down] as string)) down++;
    const ranges = [up >= 0 ? order.slice(up, at + 1) : [], down < order.length ? order.slice(Math.max(at, 0), down + 1) : []];
    for (const range of ranges) {
      if (range.length === 0) continue;
      const names = `“${ROW_BY_KEY.get(range[0] as string)?.full}”至“${ROW_BY_KEY.get(range[range.length - 1] as string)?.full}”`;
      for (const k of range) flagged.set(k, `${names}: 文本中有一行数字没有行标签，而其中一行标签没有数字，数字可能与行标签错开一行，无法确定各行的数字`);
    }
  }
  return flagged;
}

/**
 * Where table 三's seven columns stand, from its complete rows — only when those rows agree: a
 * layout that reflows its columns line by line (some text dumps) places nothing by position.
 */
function columnCenters(full: LogicalRow[]): number[] | undefined {
  if (full.length === 0) return undefined;
  const xs = Array.from({ length: 7 }, (_, i) => full.map((r) => r.tokens[i]?.prov.x as number));
  const centers = xs.map((col) => col.reduce((a, b) => a + b, 0) / col.length);
  let spacing = Number.POSITIVE_INFINITY;
  for (let i = 1; i < 7; i++) spacing = Math.min(spacing, (centers[i] as number) - (centers[i - 1] as number));
  if (!(spacing > 0)) return undefined;
  const spread = Math.max(...xs.map((col) => Math.max(...col) - Math.min(...col)));
  return spread <= spacing * 0.3 ? centers : undefined;
}

/** Column `c` of the rows `keys`, added up (blank as 0). */
function sumAt(pick: Map<string, readonly (number | null)[]>, keys: readonly ApplicationRowKey[], c: number): number {
  let s = 0;
  for (const k of keys) s += pick.get(k)?.[c] ?? 0;
  return s;
}

/** Table 三: applications by applicant type and outcome. */
export function parseApplications(rows: SrcRow[], provenance?: Record<string, Provenance>): TableOut {
  const out = newOut(provenance);
  const subSeen = (seen: Set<string>) => [...seen].some((k) => k.startsWith('otherHandling.') && k !== 'otherHandling.total');
  const { found, unknown, bares, displaced } = logicalRows(
    rows,
    APP_DEFS,
    () => 7,
    (key, seen) => key === 'otherHandling.total' && subSeen(seen),
    { groupWords: GROUP_WORDS },
  );
  out.matched = [...found.values()].filter((r) => r.tokens.length > 0).length;
  if (out.matched === 0) return out;
  for (const u of unknown.slice(0, 10)) push(out, 'parse.unknownRow', `无法识别的表格行：“${u.slice(0, 40)}”，其数字未采用`, []);
  if (unknown.length > 10) push(out, 'parse.unknownRow', `另有 ${unknown.length - 10} 行无法识别，其数字未采用`, []);

  const hasParts = [...found.keys()].some((k) => k.startsWith('otherHandling.') && k !== 'otherHandling.total');
  // Column positions learned from complete rows place the numbers of rows with blank cells (PDF).
  const centers = columnCenters([...found.values()].filter((r) => r.tokens.length === 7 && r.tokens.every((t) => t.prov.x !== undefined)));

  const readings = new Map<string, Candidate[]>();
  const rcs = new Map<string, RowCandidates>();
  for (const def of APPLICATION_ROWS) {
    const row = found.get(def.key);
    if (!row || row.tokens.length === 0) continue;
    const rc = rowCandidates(row.tokens, 7, sum6, { centers });
    rcs.set(def.key, rc);
    if (!rc.problem && rc.cands.length > 0) readings.set(def.key, rc.cands);
    if (row.fuzzy)
      push(
        out,
        'parse.labelVariant',
        `行标签“${row.label.slice(0, 40)}”按“${def.full}”读取`,
        APPLICANT_COLUMNS.map((c) => `applications.${def.key}.${c.key}`),
      );
  }
  // The validator's applications.balance and applications.outcomeSum, per column.
  const outcomeKeys = APPLICATIONS_OUTCOME_SUM.parts(hasParts);
  const { left, right } = APPLICATIONS_BALANCE;
  const outcomeTotal = APPLICATIONS_OUTCOME_SUM.total;
  const balanced = (pick: Map<string, readonly (number | null)[]>) => {
    for (let c = 0; c < 7; c++) {
      if (sumAt(pick, left, c) !== sumAt(pick, right, c)) return false;
      if (sumAt(pick, outcomeKeys, c) !== (pick.get(outcomeTotal)?.[c] ?? 0)) return false;
    }
    return true;
  };
  const ambiguousRows = placeBareRows(bares, found, readings, rcs, hasParts, balanced, out);
  for (const [key, message] of misalignedRows(displaced, found, hasParts)) {
    readings.delete(key);
    ambiguousRows.set(key, message);
  }
  // Columns kept by spaces are whole characters, and text tools (pdftotext -layout) re-space each
  // block of lines their own way: numbers put under columns by such positions are kept only when
  // the table's column equations then hold; otherwise those rows are refused, not guessed.
  const byPosition = [...rcs].filter(([, rc]) => rc.placedByTextPosition).map(([k]) => k);
  if (byPosition.length > 0) {
    const pick = new Map<string, readonly (number | null)[]>();
    for (const [k, c] of readings)
      pick.set(
        k,
        (c[0] as Candidate).map((x) => x.value),
      );
    if ([...readings.values()].some((c) => c.length !== 1) || !balanced(pick))
      for (const k of byPosition) {
        readings.delete(k);
        ambiguousRows.set(k, `${ROW_BY_KEY.get(k)?.full}: 有空白单元格，数字只能按文本中的空格位置对应到列，而表格的勾稽关系不成立，无法确定各数字属于哪一列`);
      }
  }
  const solved = solveAcrossRows(readings, balanced);
  for (const def of APPLICATION_ROWS) {
    const rc = rcs.get(def.key);
    if (!rc) continue;
    assignRow(out, APP_PATHS.get(def.key) as string[], { ...rc, cands: solved.get(def.key) ?? rc.cands }, def.full);
  }
  // Rows refused for one reason are one finding.
  const byMessage = new Map<string, string[]>();
  for (const [key, message] of ambiguousRows) {
    const paths = APP_PATHS.get(key) as string[];
    for (const p of paths) {
      out.values.set(p, null);
      delete out.provenance[p];
    }
    byMessage.set(message, [...(byMessage.get(message) ?? []), ...paths]);
  }
  for (const [message, paths] of byMessage) push(out, 'parse.ambiguous', message, paths);
  // （六）'s sub-rows are the 2021 format's: once one of them is printed, all three are expected.
  const expected = (d: ApplicationRowDef) => d.role !== 'outcomeTotal' && (d.versions.includes('2019') || hasParts);
  const missing = APPLICATION_ROWS.filter((d) => !found.has(d.key) && expected(d));
  if (missing.length > 0) {
    push(
      out,
      'parse.rowMissing',
      `表三缺少 ${missing.length} 行：${missing
        .map((d: ApplicationRowDef) => d.full)
        .slice(0, 5)
        .join('、')}${missing.length > 5 ? '等' : ''}`,
      missing.flatMap((d) => APPLICANT_COLUMNS.map((c) => `applications.${d.key}.${c.key}`)),
    );
  }
  if (!hasParts && !found.has('otherHandling.total')) {
    push(
      out,
      'parse.rowMissing',
      `表三缺少${ROW_BY_KEY.get('otherHandling.total')?.label}`,
      APPLICANT_COLUMNS.map((c) => `applications.otherHandling.total.${c.key}`),
    );
  }
  return out;
}

/** Table 四's fifteen numbers: in each of the three groups, four results add up to 总计 (reviews.groupTotal). */
const groupRule: SumRule = { groups: REVIEW_GROUPS.flatMap(() => slotGroups(REVIEW_KEYS, REVIEW_GROUP_TOTAL)) };

/** Table 四: fifteen numbers in three groups of five. */
export function parseReviews(rows: SrcRow[], provenance?: Record<string, Provenance>): TableOut {
  const out = newOut(provenance);
  const tokens: SlotToken[] = [];
  for (const row of rows) {
    if (isProse(row)) continue;
    const toks = tokenizeRow(row);
    if (!toks.some((t) => t.kind === 'value' || t.kind === 'null')) continue;
    const firstLabel = toks.findIndex((t) => t.kind === 'label');
    for (const [i, t] of toks.entries()) if (t.kind !== 'label' && !(t.kind === 'blank' && i < firstLabel)) tokens.push(t);
  }
  if (tokens.length === 0) return out;
  out.matched = 1;
  assignRow(out, REVIEW_PATHS, rowCandidates(tokens, 15, groupRule), '表四');
  return out;
}

const proactiveDefs = new WeakMap<readonly ProactiveItemDef[], RowDef[]>();

/** Table 二: proactive disclosure, in the version's own items and columns. */
export function parseProactive(rows: SrcRow[], items: readonly ProactiveItemDef[], provenance?: Record<string, Provenance>, zerosPrinted = false): TableOut {
  const out = newOut(provenance);
  let defs = proactiveDefs.get(items);
  if (!defs) proactiveDefs.set(items, (defs = items.map((i) => ({ key: i.key, aliases: i.aliases.map(labelKey), plain: labelKey(i.label) }))));
  const byKey = new Map(items.map((i) => [i.key, i]));
  const { found } = logicalRows(rows, defs, (k) => byKey.get(k)?.columns.length ?? 1);
  out.matched = [...found.values()].filter((r) => r.tokens.length > 0).length;
  const missing = out.matched > 0 ? items.filter((i) => !found.has(i.key)) : [];
  if (missing.length > 0)
    push(
      out,
      'parse.rowMissing',
      `表二缺少 ${missing.length} 行：${missing.map((i) => i.label).join('、')}`,
      missing.flatMap((i) => pathsOfItem(i)),
    );
  for (const item of items) {
    const row = found.get(item.key);
    if (!row || row.tokens.length === 0) continue;
    const paths = pathsOfItem(item);
    const tokens = row.tokens.map((t) => t);
    assignRow(out, paths, rowCandidates(tokens, item.columns.length, null, { zerosPrinted }), item.label);
    item.columns.forEach((col, i) => {
      const t = tokens[i];
      const p = paths[i] as string;
      if (t?.kind !== 'value') return;
      if (t.annotation) push(out, 'parse.annotation', `${cellLabel(p)}: 单元格“${t.raw.trim()}”含注释，取 ${t.digits}`, [p]);
      if (t.unit === '元' && col.decimal && out.values.get(p) != null) {
        out.values.set(p, Number(t.digits) / 10000);
        push(out, 'parse.unitConverted', `${cellLabel(p)}: 单元格“${t.raw.trim()}”以元计，已换算为 ${Number(t.digits) / 10000} 万元`, [p]);
      }
    });
  }
  return out;
}
