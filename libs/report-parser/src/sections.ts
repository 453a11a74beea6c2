import { DISCLOSURE, SECTIONS, type SectionKey } from '@gongkai/report-template';
import { labelKey, normalizeProse, normalizeText } from './normalize.js';
import type { SrcRow } from './source.js';

const KEYWORDS = SECTIONS.map((s) => ({ key: s.key, words: s.keywords.map(labelKey) }));
const PREFIX = /^(第?[一二三四五六七八九十]+[.章部分]*|\([一二三四五六七八九十]+\)|\d{1,2}\.)/;

/** Which section a heading line opens, matched by words (headings are renumbered in the wild). */
const HINT = new RegExp(SECTIONS.flatMap((s) => s.hints).join('|'));
/** `政府信息公开` before a heading's own words (`四、政府信息公开行政复议…`), folded. */
const SUBJECT = new RegExp(`^${labelKey(DISCLOSURE)}`);
const LOOKALIKE = /[\u2e80-\u2fdf\uf900-\ufaff]/;

export function headingOf(text: string, alone = true): SectionKey | null {
  // Look-alike code points (Kangxi radicals, compatibility ideographs) need folding first; most text has none.
  if (text.length > 80 || (!HINT.test(text) && (!LOOKALIKE.test(text) || !HINT.test(normalizeText(text))))) return null;
  const key = labelKey(text);
  const numbered = PREFIX.test(key);
  if (!numbered && !alone) return null;
  const k = key
    .replace(PREFIX, '')
    .replace(SUBJECT, '')
    .replace(/[.:：,]+$/, '');
  if (k.length === 0 || k.length > 30) return null;
  for (const s of KEYWORDS) {
    // The words open the heading; a sentence that merely mentions them is not one.
    for (const w of s.words) if (k.indexOf(w) >= 0 && k.indexOf(w) <= 2 && k.length <= w.length + 8) return s.key;
  }
  return null;
}

export interface Sectioned {
  preamble: SrcRow[];
  sections: Map<SectionKey, SrcRow[]>;
  order: SectionKey[];
}

/** Cuts the row stream at headings. A heading glued to the start of a longer cell is cut off. */
export function splitSections(rows: SrcRow[]): Sectioned {
  const out: Sectioned = { preamble: [], sections: new Map(), order: [] };
  let current: SrcRow[] = out.preamble;
  for (const row of rows) {
    let firstIdx = -1;
    let others = 0;
    for (let i = 0; i < row.cells.length; i++) {
      if ((row.cells[i] as SrcRow['cells'][number]).text.trim() === '') continue;
      if (firstIdx < 0) firstIdx = i;
      else others++;
    }
    const first = row.cells[firstIdx];
    const key = first ? headingOf(first.text, others === 0) : null;
    if (key && !out.sections.has(key)) {
      current = [];
      out.sections.set(key, current);
      out.order.push(key);
      const rest = row.cells.slice(firstIdx + 1);
      if (rest.length > 0) current.push({ ...row, cells: rest, tokens: undefined });
      continue;
    }
    current.push(row);
  }
  return out;
}

export function sectionText(rows: SrcRow[] | undefined): string | null {
  if (!rows) return null;
  const text = rows
    .map((r) =>
      r.cells
        .map((c) => normalizeProse(c.text).trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean)
    .join('\n')
    .trim();
  return text || null;
}
