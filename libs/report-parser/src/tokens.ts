import type { Provenance } from '@gongkai/report-template';
import { isIdeograph, labelKey, labelKeyOfNormalized, normalizeText } from './normalize.js';
import type { SrcRow } from './source.js';

type Prov = Omit<Provenance, 'raw'>;

export interface LabelToken {
  kind: 'label';
  text: string;
  /** labelKey of the text, made once: every table reader compares it. */
  key: string;
  raw: string;
  prov: Prov;
}
export interface ValueToken {
  kind: 'value';
  /** The number as printed, normalised: `12`, `-3`, `7730.28`, or a glued digit run. */
  digits: string;
  raw: string;
  prov: Prov;
  unit?: '元' | '万元';
  annotation?: string;
}
/** An empty cell (a slot that exists but holds nothing) or an explicit / — 无. */
export interface EmptyToken {
  kind: 'blank' | 'null';
  raw: string;
  prov: Prov;
}
export type SlotToken = ValueToken | EmptyToken;
export type Token = LabelToken | SlotToken;

const NULL_MARK = /^(\/|—+|-|无|\\|×|——)$/;
const PLAIN = /^[-+]?\d+(\.\d+)?$/;
const ANNOTATED = /^([-+]?\d+(?:\.\d+)?)\s*(?:件|个|项|条|宗)?\s*(\(.*\)|（.*）)$/;
const WITH_UNIT = /^(\d+(?:\.\d+)?)\s*(万元|元)$/;
const COUNTED = /^(\d+)\s*(件|个|项|条|宗|次|人次)$/;
/** Placeholder headers PDF converters invent (数据1 … 数据6): labels, not numbers. */
const PLACEHOLDER = /^(数据|列|字段|项目|column|col)\s*\d{1,2}$/i;
const SPACED = /^[-+]?\d+(\.\d+)?(\s+[-+]?\d+(\.\d+)?)+$/;
/**
 * Digits grouped by threes with spaces, both sides of the point (GB/T 15835's 千分空, often a thin
 * space): one number.
 */
const SPACE_GROUPED = /^(?:[1-9]\d{0,2}(?: \d{3})*|0)(?:\.\d{3}(?: \d{3})*(?: \d{1,2})?|\.\d+)?$/;
/** A footnote mark after a count (`721[1]`, `721※`, `721*2`): the mark's digits are no value. */
const VALUE_FOOTNOTE = /^([-+]?\d+(?:\.\d+)?)\s*(\[(?:注|注释)?\s*\d{1,2}\]|[*※]\s*\d{0,2})$/;
/** The Chinese numeral zero, as some reports print an empty count. */
const LING = /^[〇零]$/;

/** A sentence, not a table row: table labels never end a sentence. */
export function isProse(row: SrcRow): boolean {
  return row.prose ?? (!row.table && row.cells.some((c) => /[。！？]/.test(c.text)));
}

/**
 * The rows in one object shape, each one's prose decided and room kept for its tokens: every table
 * reader asks this of every row, and rows of many shapes (one per extractor) made each ask slow.
 */
export function uniformRows(rows: SrcRow[]): SrcRow[] {
  return rows.map((r) => ({ cells: r.cells, blanksAreCells: r.blanksAreCells, table: r.table === true, prose: isProse(r), tokens: undefined }));
}

/** Splits one physical row into label and value tokens (once: each table parser asks). */
export function tokenizeRow(row: SrcRow): Token[] {
  // Kept on the row, not in a WeakMap: a WeakMap entry per row made every young-generation GC slower.
  let out = row.tokens as Token[] | undefined;
  if (!out) row.tokens = out = tokenize(row);
  return out;
}

function tokenize(row: SrcRow): Token[] {
  const out: Token[] = [];
  for (const cell of row.cells) {
    const raw = cell.text;
    if (isCount(raw)) {
      // The common case: a plain count.
      out.push({ kind: 'value', digits: raw, raw, prov: cell.prov });
      continue;
    }
    if (/^\s*\d{1,15}\s*$/.test(raw)) {
      out.push({ kind: 'value', digits: raw.trim(), raw, prov: cell.prov });
      continue;
    }
    let norm = normalizeText(raw).trim();
    if (norm.includes(',')) norm = norm.replace(/(\d),(?=\d{3}\b)/g, '$1');
    if (norm === '') {
      if (row.blanksAreCells) out.push({ kind: 'blank', raw, prov: cell.prov });
      continue;
    }
    if (NULL_MARK.test(norm)) {
      out.push({ kind: 'null', raw, prov: cell.prov });
      continue;
    }
    if (LING.test(norm)) {
      out.push({ kind: 'value', digits: '0', raw, prov: cell.prov });
      continue;
    }
    if (!/\d/.test(norm)) {
      // No digits: a label, unless it is only punctuation.
      if (isIdeograph(norm.charCodeAt(0)) || /[^\s()[\].,:;!?·*#、，。：；（）—-]/.test(norm))
        out.push({ kind: 'label', text: norm, key: labelKeyOfNormalized(norm), raw, prov: cell.prov });
      continue;
    }
    if (PLACEHOLDER.test(norm)) continue;
    if (PLAIN.test(norm)) {
      out.push({ kind: 'value', digits: norm.replace(/^\+/, ''), raw, prov: cell.prov });
      continue;
    }
    const annotated = ANNOTATED.exec(norm);
    if (annotated) {
      out.push({ kind: 'value', digits: annotated[1] as string, raw, prov: cell.prov, annotation: annotated[2] as string });
      continue;
    }
    const unit = WITH_UNIT.exec(norm);
    if (unit) {
      out.push({ kind: 'value', digits: unit[1] as string, raw, prov: cell.prov, unit: unit[2] as '元' | '万元' });
      continue;
    }
    const counted = COUNTED.exec(norm);
    if (counted) {
      out.push({ kind: 'value', digits: counted[1] as string, raw, prov: cell.prov });
      continue;
    }
    const footnoted = VALUE_FOOTNOTE.exec(norm);
    if (footnoted) {
      out.push({ kind: 'value', digits: footnoted[1] as string, raw, prov: cell.prov, annotation: footnoted[2] as string });
      continue;
    }
    // A table cell holds one value: digits spaced in threes there are one grouped number. In a
    // line of text the same spacing parts columns, so the split below stays.
    if (row.table && SPACE_GROUPED.test(norm)) {
      out.push({ kind: 'value', digits: norm.replaceAll(' ', ''), raw, prov: cell.prov });
      continue;
    }
    if (SPACED.test(norm)) {
      for (const d of norm.split(/\s+/)) out.push({ kind: 'value', digits: d.replace(/^\+/, ''), raw, prov: cell.prov });
      continue;
    }
    splitMixed(norm, raw, cell.prov, out);
  }
  return out;
}

/** 1–15 ASCII digits and nothing else (the usual cell), without a regex. */
function isCount(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * A cell mixing words and digits: `一、本年新收…数量350001045`, `0 0 3 2.没有现成信息`.
 * A digit before `.` or `、` and a word is a list number and belongs to the label.
 */
function splitMixed(norm: string, raw: string, prov: Prov, out: Token[]): void {
  const re = /(?:(?<=^|[\s\d\u4e00-\u9fff])-)?\d+(?:\.\d+)?/g;
  let text = '';
  let last = 0;
  const flushText = () => {
    const t = text.trim();
    if (t && labelKey(t).replace(/[()[\].,:;!?·*#-]/g, '') !== '') out.push({ kind: 'label', text: t, key: labelKeyOfNormalized(t), raw, prov });
    text = '';
  };
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    const before = norm[start - 1] ?? '';
    const after = norm.slice(end, end + 2);
    text += norm.slice(last, start);
    last = end;
    const listMarker = /^[.、][^\d]/.test(after) || (after[0] === '.' && after.length === 1);
    if (listMarker && !run.includes('.') && !run.startsWith('-')) {
      // `…0032.没有` — the last digit is the next row's list number.
      if (run.length > 1 && /[\s\d]$/.test(before + run.slice(0, -1))) {
        flushText();
        out.push({ kind: 'value', digits: run.slice(0, -1), raw, prov });
      }
      text += run.slice(-1);
      continue;
    }
    const embedded = /[\u4e00-\u9fff]/.test(before) && /^[年月日号条项款第]/.test(after);
    const partOfWord = /^[年月日号条项款]/.test(after) || /[第]$/.test(before);
    if (embedded || partOfWord) {
      text += run;
      continue;
    }
    flushText();
    out.push({ kind: 'value', digits: run, raw, prov });
  }
  text += norm.slice(last);
  flushText();
}
