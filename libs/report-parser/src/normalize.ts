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

/** Folds a cell's text for matching; the raw text is kept separately for provenance. */
export function normalizeText(s: string): string {
  // Plain ASCII and common ideographs are already in normal form: the usual case, kept cheap.
  // Sub-row numbers and footnote marks need one of ( [ * : text without them has nothing to fold.
  if (/^[\x20-\x7e\u4e00-\u9fa5]*$/.test(s)) return /[([*]/.test(s) ? labelMarks(s) : s;
  // Common punctuation of Chinese text: full-width forms fold as NFKC would, without NFKC's cost.
  if (/^[\x20-\x7e\u4e00-\u9fa5\u3001\u3002\u201c\u201d\u2018\u2019\u300a\u300b\uff01-\uff5e]*$/.test(s))
    return labelMarks(s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return labelMarks(folded(s));
}

/**
 * Marks inside labels that carry digits but no value: a sub-row number `(1)` becomes `1.`, and
 * footnote marks (`行政处罚（注1）`, `[2]`) go, so their digits never become numbers.
 */
function labelMarks(s: string): string {
  return s.replace(/\((\d{1,2})\)(?=\s*[\u4e00-\u9fff])/g, '$1.').replace(FOOTNOTE, '');
}
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

/** labelKey for text that has been through normalizeText already (tokens). */
export function labelKeyOfNormalized(s: string): string {
  // One pass, and none at all for the many cells that hold nothing to fold (numbers, plain words).
  return KEY_FOLD.test(s) ? s.replace(KEY_FOLD_ALL, (c) => KEY_CHAR[c] ?? '') : s;
}
const KEY_CHARS = '\\s“”"\'‘’「」『』（）、．。，,';
const KEY_FOLD = new RegExp(`[${KEY_CHARS}]`);
const KEY_FOLD_ALL = new RegExp(`[${KEY_CHARS}]`, 'g');
/** Spaces and quotes go; these become ASCII brackets, one list-dot, one comma. */
const KEY_CHAR: Record<string, string> = { '（': '(', '）': ')', '、': '.', '．': '.', '。': '.', '，': ',', ',': ',' };

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
