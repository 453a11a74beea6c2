import {
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  PROACTIVE_2019,
  PROACTIVE_2021,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTIONS,
  TABLE_HEADER_WORDS,
} from '@gongkai/report-template';
import { keyWithMap, labelKey } from './normalize.js';
import type { SrcRow } from './source.js';

/**
 * Crawlers save a page's text with every line break and separator removed: prose, headings, labels
 * and digits glued in document order. Lines no longer mean anything there, so such a row is cut
 * where the template's own words start (section headings, row labels, group and header words),
 * and each piece becomes a row: its label, then whatever lies up to the next word. The table
 * readers then see the same rows as in any other text, and the digit solver splits the runs.
 */

type Kind = 'section' | 'row' | 'header';
interface Term {
  key: string;
  kind: Kind;
}

const stripNo = (k: string) => k.replace(/^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.)/, '');

function buildTerms(): Map<string, Term[]> {
  const terms = new Map<string, Kind>();
  const add = (raw: string, kind: Kind) => {
    const { key } = keyWithMap(raw);
    if (key.length < 2) return;
    // A word used both ways cuts as the stronger kind: rows before headers.
    const prev = terms.get(key);
    if (!prev || (prev === 'header' && kind !== 'header')) terms.set(key, kind);
  };
  for (const r of APPLICATION_ROWS) {
    add(r.label, 'row');
    if (!r.needsListNo) add(stripNo(keyWithMap(r.label).key), 'row');
    for (const a of r.aliases) add(a, 'row');
  }
  for (const g of APPLICATION_GROUPS) {
    add(g.label, 'header');
    for (const a of g.aliases) add(a, 'header');
  }
  for (const item of [...PROACTIVE_2021, ...PROACTIVE_2019]) {
    add(item.label, 'row');
    for (const a of item.aliases) add(a, 'row');
    add(item.article, 'header');
    for (const c of item.columns) add(c.label, 'header');
  }
  for (const g of REVIEW_GROUPS) {
    add(g.label, 'header');
    add(g.short, 'header');
  }
  for (const c of REVIEW_COLUMNS) add(c.label, 'header');
  for (const w of TABLE_HEADER_WORDS) add(w, 'header');
  for (const s of SECTIONS) {
    add(s.label, 'section');
    for (const k of s.keywords) add(k, 'section');
  }
  // First character → terms, longest first: at any position the most specific word wins.
  const index = new Map<string, Term[]>();
  for (const [key, kind] of terms) {
    const first = key[0] as string;
    const list = index.get(first) ?? [];
    list.push({ key, kind });
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.key.length - a.key.length);
  return index;
}

const TERMS = buildTerms();

/** Rows glued this much are page text; a table row has one label, a wrapped PDF line two at most. */
const MIN_ROW_LABELS = 3;

const SECTION_NO = /(\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}\.)$/;
const LIST_NO = /(\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}\.|\(\d\)|\d\.)$/;

/** A page holds the template once (twice with a repeated header): thousands of labels are no report. */
const MAX_CUTS = 2_000;
const glued = (cuts: Cut[]) => {
  if (cuts.length > MAX_CUTS) return false;
  let n = 0;
  for (const c of cuts) if (c.kind === 'row' && ++n >= MIN_ROW_LABELS) return true;
  return false;
};

interface Cut {
  start: number;
  end: number;
  kind: Kind;
}

/** Where the template's words stand in a folded text, scanning once from the left. */
function findCuts(key: string): Cut[] {
  const cuts: Cut[] = [];
  let i = 0;
  while (i < key.length) {
    const list = TERMS.get(key[i] as string);
    const hit = list?.find((t) => key.startsWith(t.key, i));
    if (!hit) {
      i++;
      continue;
    }
    let start = i;
    // A list number printed before the word belongs to it: `2.其他…`, `(三)不予公开`, `四.结转…`.
    const m = (hit.kind === 'section' ? SECTION_NO : LIST_NO).exec(key.slice(Math.max(0, i - 4), i));
    if (m) start = i - m[0].length;
    if (hit.kind === 'section' && start === i) {
      // An unnumbered mention of a section's words in prose is no heading.
      i += hit.key.length;
      continue;
    }
    const prev = cuts[cuts.length - 1];
    if (prev && start < prev.end) start = prev.end;
    cuts.push({ start, end: i + hit.key.length, kind: hit.kind });
    if (cuts.length > MAX_CUTS) break;
    i += hit.key.length;
  }
  return cuts;
}

/** Cuts rows that hold several glued template rows (page text) into one row per label. */
export function restream(rows: SrcRow[]): SrcRow[] {
  let changed = false;
  const out: SrcRow[] = [];
  for (const row of rows) {
    // Cells a writer separated itself (tabs, pipes, a line each) are cells already: never re-cut.
    const pieces = row.table || row.blanksAreCells ? null : cutRow(row);
    if (!pieces) {
      out.push(row);
      continue;
    }
    changed = true;
    for (const p of pieces) out.push(p);
  }
  return changed ? out : rows;
}

function cutRow(row: SrcRow): SrcRow[] | null {
  const first = row.cells[0];
  if (!first) return null;
  // Short rows are never glued page text: told before joining their cells.
  let length = row.cells.length - 1;
  for (const c of row.cells) length += c.text.length;
  if (length < 60) return null;
  // A crawl that kept a few wide gaps still glued the rest: its pieces read as one text.
  const cell = row.cells.length === 1 ? first : { text: row.cells.map((c) => c.text).join(' '), prov: first.prov };
  const raw = cell.text;
  // Most long rows are prose: tell with the plain folded text before mapping every character.
  if (!glued(findCuts(labelKey(raw)))) return null;
  const { key, map } = keyWithMap(raw);
  const cuts = findCuts(key);
  if (!glued(cuts)) return null;
  const rawAt = (k: number) => (k >= map.length ? raw.length : (map[k] as number));
  const text = (from: number, to: number) => raw.slice(rawAt(from), rawAt(to)).trim();
  const cellOf = (from: number, to: number): SrcRow['cells'] => {
    const t = text(from, to);
    return t ? [{ text: t, prov: { ...cell.prov, offset: rawAt(from) + 1 } }] : [];
  };
  // Spans of the line: running text (kept whole, even where it names a row), headings, table rows.
  const spans: { from: number; to: number; kind: 'text' | 'heading' | 'row'; labelEnd?: number }[] = [];
  const addText = (from: number, to: number) => {
    const last = spans[spans.length - 1];
    if (last?.kind === 'text' && last.to === from) last.to = to;
    else spans.push({ from, to, kind: 'text' });
  };
  addText(0, cuts[0]?.start ?? key.length);
  cuts.forEach((c, n) => {
    const next = cuts[n + 1]?.start ?? key.length;
    if (c.kind === 'section') {
      // Alone on its row, so the section splitter sees a heading.
      spans.push({ from: c.start, to: c.end, kind: 'heading' });
      addText(c.end, next);
      return;
    }
    // A table's cells hold numbers; a piece that runs on into a sentence was cut out of prose.
    if (/[。，；！？,;]/.test(text(c.end, next))) addText(c.start, next);
    else spans.push({ from: c.start, to: next, kind: 'row', labelEnd: c.end });
  });
  const pieces: SrcRow[] = [];
  for (const sp of spans) {
    const cells = sp.kind === 'row' ? [...cellOf(sp.from, sp.labelEnd as number), ...cellOf(sp.labelEnd as number, sp.to)] : cellOf(sp.from, sp.to);
    if (cells.length > 0) pieces.push({ cells, blanksAreCells: false, ...(sp.kind === 'text' && sp.from > 0 ? { prose: true } : {}) });
  }
  return pieces;
}
