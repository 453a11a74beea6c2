/**
 * Text from PDFs and old sites carries look-alike code points. NFKC folds full-width forms,
 * Kangxi radicals (U+2F00–U+2FDF) and compatibility ideographs; the map below covers the
 * CJK Radicals Supplement forms NFKC leaves alone.
 */
const RADICALS: Readonly<Record<string, string>> = {
  '⺠': '民',
  '⻓': '长',
  '⻔': '门',
  '⻅': '见',
  '⻆': '角',
  '⻛': '风',
  '⻢': '马',
  '⻜': '飞',
  '⻝': '食',
  '⻋': '车',
  '⻘': '青',
  '⻰': '龙',
  '⻩': '黄',
  '⻬': '齐',
  '⻮': '齿',
  '⻚': '页',
  '⻉': '贝',
  '⻊': '足',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻨': '麦',
  '⻮ ': '齿',
  '⺟': '母',
  '⺢': '水',
  '⺩': '王',
  '⺫': '目',
  '⺬': '示',
  '⺮': '竹',
  '⺶': '羊',
  '⺻': '聿',
  '⻁': '虎',
  '⻄': '西',
  '⻆ ': '角',
  '⻌': '辶',
  '⻍': '辶',
  '⻖': '阝',
  '⻏': '阝',
  '⺼': '肉',
};
const RADICAL_RE = new RegExp(
  `[${Object.keys(RADICALS)
    .map((k) => k.trim())
    .join('')}]`,
  'g',
);

/** ①–⑳ number sub-rows: a list number, never the value NFKC would make of it. */
const CIRCLED = /[\u2460-\u2473]/g;
/** Superscript footnote marks after a word (`行政处罚¹`) are no digits of a value. */
const FOOTNOTE_SUP = /(?<=[\u4e00-\u9fff）)])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+/g;

/**
 * Whether superscript text (HTML's `<sup>`, a Word run set superscript) is a footnote mark: `1`,
 * `[2]`, `注3`, `*`. Extractors drop such marks, or a count's `721<sup>1</sup>` reads as 7211 and a
 * label's `行政许可<sup>1</sup>` gains a value.
 */
export function isFootnoteMark(text: string): boolean {
  // Trimmed and bounded first: a mark is a few characters, and a pattern with several optional
  // runs of spaces backtracks cubically over a hostile `<sup>` full of them.
  const t = text.trim();
  return t.length > 0 && t.length <= 8 && SUP_MARK.test(t);
}
const SUP_MARK = /^[[(（［]?\s?(?:注|注释)?\s?(?:\d{1,2}|[*※]{1,3})\s?[\])）］]?$/;

/** Folds a cell's text for matching; the raw text is kept separately for provenance. */
export function normalizeText(s: string): string {
  // Plain ASCII, common ideographs and Chinese punctuation (the usual case) need no NFKC.
  return labelMarks(foldCommon(s) ?? folded(s));
}

/**
 * Text of printable ASCII, common ideographs and the usual Chinese punctuation, with full-width
 * forms made ASCII (as NFKC would); null for text holding anything else. One pass, no regex.
 */
function foldCommon(s: string): string | null {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fa5)) continue;
    if (c >= 0xff01 && c <= 0xff5e) {
      out += s.slice(from, i) + String.fromCharCode(c - 0xfee0);
      from = i + 1;
      continue;
    }
    if (c === 0x3001 || c === 0x3002 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x300a || c === 0x300b) continue;
    return null;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Marks inside labels that carry digits but no value: a sub-row number `(1)` becomes `1.`, and
 * footnote marks (`行政处罚（注1）`, `[2]`) go, so their digits never become numbers.
 */
function labelMarks(s: string): string {
  // Both marks need a bracket, a star or ※: most labels have none after folding.
  if (!MARK_CHAR.test(s)) return s;
  return s.replace(/\((\d{1,2})\)(?=\s*[\u4e00-\u9fff])/g, '$1.').replace(FOOTNOTE, '');
}
const MARK_CHAR = /[([*※]/;
const FOOTNOTE = /(?<=[\u4e00-\u9fff）)])\s*(?:\((?:注|注释|备注|说明)\s*\d{1,2}\)|\[(?:注|注释)?\s*\d{1,2}\]|[*※]\s*\d{1,2}(?!\d))/g;

function folded(s: string): string {
  return s
    .replace(CIRCLED, (c) => `${(c.codePointAt(0) as number) - 0x245f}.`)
    .replace(FOOTNOTE_SUP, '')
    .normalize('NFKC')
    .replace(RADICAL_RE, (c) => RADICALS[c] ?? c)
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[－–—―‒]/g, '—');
}

/** The form labels are compared in: no spaces, no quotes, ASCII brackets, one list-dot. */
export function labelKey(s: string): string {
  return labelKeyOfNormalized(normalizeText(s));
}

/** A CJK Unified Ideograph of the basic block (what labels are written in). */
export const isIdeograph = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/** labelKey for text that has been through normalizeText already (tokens). */
export function labelKeyOfNormalized(s: string): string {
  // A char loop, not a regex replace with a callback: labels nearly all hold a bracket or 、.
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Ideographs and ASCII letters/digits (the bulk) fold to themselves.
    if (isIdeograph(c) || (c > 0x2c && c < 0x7f)) continue;
    const to = keyChar(c);
    if (to === null) continue;
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** What labelKey makes of a character: null keeps it; spaces and quotes go; these become ASCII brackets, one list-dot, one comma. */
function keyChar(c: number): string | null {
  switch (c) {
    case 0xff08: // （
      return '(';
    case 0xff09: // ）
      return ')';
    case 0x3001: // 、
    case 0xff0e: // ．
    case 0x3002: // 。
      return '.';
    case 0xff0c: // ，
    case 0x2c: // ,
      return ',';
    case 0x201c: // “ ” " ' ‘ ’ 「 」 『 』
    case 0x201d:
    case 0x22:
    case 0x27:
    case 0x2018:
    case 0x2019:
    case 0x300c:
    case 0x300d:
    case 0x300e:
    case 0x300f:
      return '';
    default:
      return isSpace(c) ? '' : null;
  }
}

/** The characters of the regex class \s. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** For prose: fold only look-alike ideographs and odd spaces, keep full-width punctuation. */
export function normalizeProse(s: string): string {
  return s
    .replace(/[\u2E80-\u2FDF\uF900-\uFAFF]/g, (c) => RADICALS[c] ?? c.normalize('NFKC'))
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ');
}

/**
 * labelKey of a whole text together with, for every character of the key, the index in the raw
 * text it came from: the template's words are found in the key and cut out of the raw text.
 */
export function keyWithMap(raw: string): { key: string; map: number[] } {
  let key = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const cp = raw.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    // Ideographs, digits and letters fold to themselves: the bulk of any page, kept cheap.
    const folded = (cp >= 0x4e00 && cp <= 0x9fa5) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x7a && /[A-Za-z]/.test(ch)) ? ch : labelKey(ch);
    for (let k = 0; k < folded.length; k++) map.push(i);
    key += folded;
    i += ch.length;
  }
  return { key, map };
}
