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

/** Folds a cell's text for matching; the raw text is kept separately for provenance. */
export function normalizeText(s: string): string {
  // Plain ASCII and common ideographs are already in normal form: the usual case, kept cheap.
  if (/^[\x20-\x7e\u4e00-\u9fa5]*$/.test(s)) return s;
  return s
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
  return s
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[、．。]/g, '.')
    .replace(/[，,]/g, ',');
}

/** For prose: fold only look-alike ideographs and odd spaces, keep full-width punctuation. */
export function normalizeProse(s: string): string {
  return s
    .replace(/[\u2E80-\u2FDF\uF900-\uFAFF]/g, (c) => RADICALS[c] ?? c.normalize('NFKC'))
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F]/g, ' ');
}
