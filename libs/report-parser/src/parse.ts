import {
  APPLICANT_KEYS,
  APPLICATION_ROWS,
  type ApplicationRowDef,
  type ApplicationRowKey,
  type CanonicalReport,
  cellPaths,
  DISCLOSURE,
  emptyReport,
  type Finding,
  formatOfFileName,
  getPath,
  OTHER_HANDLING_PARTS,
  type ParsedReport,
  type Provenance,
  proactiveItems,
  RECONSIDERATION_HEADING,
  REFUSING_RULES,
  RULES,
  SECTIONS,
  SNIFF,
  sectionHeading,
  setPath,
  type TemplateVersion,
  V2019_DECISION_MAP,
  VERSION_MARKERS,
} from '@gongkai/report-template';
import { unreadCells, validateReport } from '@gongkai/report-validation';
import { decodeText, latin1Head, looksBinary } from './decode.js';
import { UnreadableInputError } from './errors.js';
import { extractDoc } from './extract/doc.js';
import { extractDocx } from './extract/docx.js';
import { extractHtml } from './extract/html.js';
import { looksCanonicalJson, readCanonicalJson } from './extract/json.js';
import { looksMhtml, mhtmlPage } from './extract/mhtml.js';
import { extractPdf } from './extract/pdf.js';
import { extractText } from './extract/text.js';
import { publishedDate, shortOrgan, titleInfo } from './meta.js';
import { labelKey } from './normalize.js';
import { restream } from './restream.js';
import { sectionText, splitSections } from './sections.js';
import type { SrcDoc, SrcRow } from './source.js';
import { parseApplications, parseProactive, parseReviews } from './tables.js';
import { uniformRows } from './tokens.js';

export interface ParseOptions {
  /** The same body's previous-year report, for the cross-year rules. */
  previous?: CanonicalReport | null;
  /** Largest text or HTML input accepted, in bytes (default 16 MiB; real reports are < 2 MiB). */
  maxTextBytes?: number;
  /** Largest PDF or Word input accepted, in bytes (default 100 MiB). */
  maxBinaryBytes?: number;
}

const MiB = 1024 * 1024;

/** Reads one published report. Throws UnreadableInputError when the bytes are not a readable report. */
export async function parseReport(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedReport> {
  const doc = await extract(bytes, fileName, options);
  if (doc.format === 'json' && doc.raw !== undefined) return fromCanonicalJson(doc.raw, doc.encoding, options);
  return interpret(doc, options);
}

/** Canonical JSON in (e.g. from `gongkai parse --json`): the same validation as any other report. */
function fromCanonicalJson(text: string, encoding: string | undefined, options: ParseOptions): ParsedReport {
  const { report, provenance, findings } = readCanonicalJson(text);
  const rules = validateReport(report, { previous: options.previous ?? null, unread: unreadCells(report, findings) });
  nameDerivedSums([...findings, ...rules], provenance);
  return { ...report, source: { format: 'json', ...(encoding ? { encoding } : {}) }, publishedDate: null, provenance, findings: [...findings, ...rules] };
}

/** Which container the bytes are, then its rows. */
export async function extract(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<SrcDoc> {
  const maxText = options.maxTextBytes ?? 16 * MiB;
  const maxBinary = options.maxBinaryBytes ?? 100 * MiB;
  if (bytes.length === 0) throw new UnreadableInputError('input.empty', '文件为空 (empty file)');
  const head = latin1Head(bytes, 1024);
  const named = formatOfFileName(fileName);
  if (SNIFF.pdf(head)) {
    if (bytes.length > maxBinary) throw tooLarge(bytes.length, maxBinary);
    return extractPdf(bytes);
  }
  if (SNIFF.zip(head) || named === 'docx') {
    if (bytes.length > maxBinary) throw tooLarge(bytes.length, maxBinary);
    return extractDocx(bytes);
  }
  if (SNIFF.ole(head)) {
    if (bytes.length > maxBinary) throw tooLarge(bytes.length, maxBinary);
    return extractDoc(bytes);
  }
  if (named === 'mhtml' || looksMhtml(head)) {
    if (bytes.length > maxBinary) throw tooLarge(bytes.length, maxBinary);
    const page = mhtmlPage(bytes);
    if (page) {
      const { text, encoding } = decodeText(page, true);
      return { ...extractHtml(text), format: 'mhtml', encoding };
    }
  }
  if (named === 'pdf') throw new UnreadableInputError('input.brokenPdf', 'PDF 文件已损坏：缺少 PDF 文件头 (broken PDF: no %PDF header)');
  if (bytes.length > maxText) throw tooLarge(bytes.length, maxText);
  // Markdown may hold raw HTML (`<div>` wrappers a converter kept): it is a page only when it says so.
  const looksHtml = named === 'html' || (named === 'markdown' ? /<(!doctype\s+html|html)[\s>]/i.test(head) : SNIFF.html(head));
  const { text, encoding } = decodeText(bytes, looksHtml, head);
  if (text.trim() === '') throw new UnreadableInputError('input.empty', '文件只有空白，没有内容 (only whitespace)');
  if (looksBinary(text)) throw new UnreadableInputError('input.binary', '文件是二进制数据，不是报告文本 (binary data, not a report)');
  if (looksCanonicalJson(text)) return { format: 'json', rows: [], hasImages: false, raw: text, encoding };
  const markdown = named === 'markdown';
  // PDF converters write a complex table into markdown as an HTML <table>: read such a file as HTML.
  const doc = looksHtml
    ? extractHtml(text)
    : markdown && /<table[\s>]/i.test(text)
      ? { ...extractHtml(markdownAsHtml(text)), format: 'markdown' as const }
      : extractText(text, markdown ? 'markdown' : 'text');
  doc.encoding = encoding;
  return doc;
}

/** Markdown's own marks around HTML tables: headings and emphasis go, each line stays a line. */
function markdownAsHtml(text: string): string {
  return text.replace(/^\s{0,3}#{1,6}\s+/gm, '').replace(/\*\*|__/g, '');
}

function tooLarge(size: number, max: number): UnreadableInputError {
  return new UnreadableInputError(
    'input.tooLarge',
    `文件过大 (${(size / MiB).toFixed(1)} MB，上限 ${(max / MiB).toFixed(0)} MB)，不像一份年度报告 (file too large for a report)`,
  );
}

const MARKER_KEYS = Object.fromEntries(Object.entries(VERSION_MARKERS).map(([v, ms]) => [v, ms.map(labelKey)])) as Record<TemplateVersion, string[]>;

function detectVersion(rows: SrcRow[]): TemplateVersion | null {
  let joined = '';
  for (const r of rows) for (const c of r.cells) joined += c.text;
  const text = labelKey(joined);
  const score = (v: TemplateVersion) => MARKER_KEYS[v].filter((m) => text.includes(m)).length;
  const a = score('2021');
  const b = score('2019');
  if (a === 0 && b === 0) return null;
  return b > a ? '2019' : '2021';
}

/** From rows to the canonical report: sections, tables, text, then the validator. */
export function interpret(input: SrcDoc, options: ParseOptions = {}): ParsedReport {
  const doc = { ...input, rows: uniformRows(restream(input.rows)) };
  const split = splitSections(doc.rows);
  const { sections } = split;
  const findings: Finding[] = [];
  const provenance: Record<string, Provenance> = {};
  const titleLines = nonEmptyTexts(split.preamble.length > 0 ? split.preamble : doc.rows.slice(0, 6));
  const title = titleInfo(titleLines);
  if (title.year === null && split.order.length === 0 && !mentionsTemplate(doc.rows)) {
    // A PDF with no text at all is a scan or pictures, not some other document: say so.
    if (doc.format === 'pdf' && doc.hasImages)
      throw new UnreadableInputError('input.imagesOnly', 'PDF 中没有可读取的文字（表格为图片或扫描件），无法读取数字 (no text layer: tables are images)');
    if (doc.format === 'pdf' && glyphsWithoutCharacters(doc.rows))
      throw new UnreadableInputError(
        'input.garbledText',
        'PDF 的文字无法识别：字体没有对应的字符编码，复制出来是一串符号（常见于经“打印到 PDF”再转换的文件），请提交原 Word、网页或直接导出的 PDF (the PDF text maps to symbols, not characters)',
      );
    throw new UnreadableInputError('input.notReport', '不是政府信息公开工作年度报告：没有找到标题、章节或统计表 (not an annual disclosure report)');
  }

  // Headings go missing in PDF conversions; then the tables are looked for everywhere.
  const everything = doc.rows;
  const proactiveRows = sections.get('proactive') ?? everything;
  const version = detectVersion(proactiveRows) ?? detectVersion(everything);
  const report = emptyReport(version ?? '2021');
  report.organ = shortOrgan(title.organ);
  report.year = title.year;

  const items = proactiveItems(report.templateVersion);
  let proactive = parseProactive(proactiveRows, items, provenance);
  const applications = parseApplications(sections.get('applications') ?? everything, provenance);
  // A document that writes every cell (table 三 read whole, its zeros as 0) hides no blank cell
  // in a glued table-二 run with one digit per cell: read table 二 again knowing that.
  const everyCellWritten = () =>
    applications.matched > 0 &&
    !applications.findings.some((f) => f.rule === 'parse.ambiguous' || f.rule === 'parse.cellCount') &&
    everyValue(applications.values, (v) => v !== null) &&
    !everyValue(applications.values, (v, p) => v !== 0 || provenance[p] === undefined);
  if (proactive.findings.some((f) => f.rule === 'parse.ambiguous') && everyCellWritten()) proactive = parseProactive(proactiveRows, items, provenance, true);
  const reviews = parseReviews(sections.get('reviews') ?? afterApplications(sections.get('applications') ?? everything), provenance);
  const tablesFound = proactive.matched + applications.matched + reviews.matched;

  if (tablesFound === 0) {
    const looksLikeReport = title.year !== null || split.order.length >= 2;
    if (doc.hasImages)
      throw new UnreadableInputError(
        'input.imagesOnly',
        doc.format === 'pdf'
          ? 'PDF 中没有可读取的文字（表格为图片或扫描件），无法读取数字 (no text layer: tables are images)'
          : '报告中的表格是图片，无法读取数字 (tables are published as images)',
      );
    if (!looksLikeReport)
      throw new UnreadableInputError('input.notReport', '不是政府信息公开工作年度报告：没有找到标题、章节或统计表 (not an annual disclosure report)');
  }

  for (const t of [proactive, applications, reviews]) {
    t.values.forEach((value, path) => {
      setPath(report as unknown as Record<string, unknown>, path, value);
    });
    findings.push(...t.findings);
  }
  deriveOtherHandlingTotal(report, provenance, findings);
  if (doc.tableOrderLost && tablesFound > 0)
    refuseTables(
      report,
      provenance,
      findings,
      'parse.tableOrderLost',
      doc.format === 'docx'
        ? 'Word 文件的文字都在一个个定位的文本框里（由 PDF 转换而来），文本框的先后不是表格的行列顺序，无法确定各数字属于哪一格：表二、三、四的数字均未采用，请提交原 PDF 或网页'
        : // Not only PDFs: a text browser's or LibreOffice's dump of cells with line breaks looks the same.
          '文本没有保留表格的行列：数字与行标签分开成行（PDF 按阅读顺序导出的文字，或单元格内换行被拆开的网页、Word 文本，都会这样），无法确定各数字属于哪一格：表二、三、四的数字均未采用，请提交原 PDF、Word 或网页',
    );
  if (tablesFound > 0 && ocrTextLayer(doc))
    refuseTables(
      report,
      provenance,
      findings,
      'parse.ocrText',
      '文字来自扫描件的 OCR 识别（表格线被识别成“|”，0 常被识别成“o”、1 被识别成“l”），识别出的数字不可靠：表二、三、四的数字均未采用，请提交原 Word、网页或直接导出的 PDF',
    );
  // Only text drawn with fonts can map glyphs wrongly: a PDF, or text taken from one.
  const garbled = tablesFound > 0 && (doc.format === 'pdf' || doc.format === 'text' || doc.format === 'markdown') ? garbledText(doc.rows) : [];
  if (garbled.length > 0)
    refuseTables(
      report,
      provenance,
      findings,
      'parse.textGarbled',
      `文件中的部分文字被映射成了别的字符（如“${[...new Set(garbled)].slice(0, 3).join('”“')}”），常见于字体编码有误的 PDF，其中的数字也可能被替换：表二、三、四的数字均未采用，请提交原 Word、网页或重新导出的 PDF`,
    );
  if (title.organ) provenance.organ = { raw: title.organ };
  if (title.year !== null) provenance.year = { raw: String(title.year) };
  if (report.templateVersion === '2019') {
    for (const [from, to] of Object.entries(V2019_DECISION_MAP)) {
      const p = provenance[`proactive.${from}.decisions`];
      setPath(report.proactive, to, getPath(report.proactive, `${from}.decisions`) ?? null);
      if (p) provenance[`proactive.${to}`] = { ...p, derived: `proactive.${from}.decisions` };
      for (const f of findings) if (f.cells.includes(`proactive.${from}.decisions`)) f.cells.push(`proactive.${to}`);
    }
  }

  report.text = {
    overview: sectionText(sections.get('overview')),
    problems: sectionText(sections.get('problems')),
    other: sectionText(sections.get('other')),
  };

  if (tablesFound === 0) {
    findings.push({
      rule: 'parse.noTables',
      severity: RULES['parse.noTables'].severity,
      message: '报告中没有找到统计表格（二、三、四），各项数字为空',
      cells: [...cellPaths(report.templateVersion)],
    });
  } else {
    if (version === null && sections.has('proactive'))
      findings.push({ rule: 'parse.versionUnclear', severity: 'warning', message: '表二的列名无法判断模板版本，按 2021 版读取', cells: [] });
    const missing = SECTIONS.filter((s) => !sections.has(s.key));
    if (missing.length > 0) {
      findings.push({
        rule: 'parse.sectionMissing',
        severity: 'warning',
        message: `缺少章节：${missing.map((s) => sectionHeading(s.key)).join('；')}`,
        cells: missing.map((s) => s.key),
      });
    }
    // A table not found leaves its cells blank: the finding names every one of them.
    const all = cellPaths(report.templateVersion);
    for (const [t, key] of [
      [proactive, 'proactive'],
      [applications, 'applications'],
      [reviews, 'reviews'],
    ] as const) {
      if (t.matched === 0)
        findings.push({
          rule: 'parse.sectionMissing',
          severity: 'warning',
          message: `没有找到表格：${sectionHeading(key)}`,
          cells: all.filter((p) => p.startsWith(`${key}.`)),
        });
    }
  }

  const rules = validateReport(report, { previous: options.previous ?? null, unread: unreadCells(report, findings) });
  nameDerivedSums([...findings, ...rules], provenance);
  return {
    ...report,
    source: sourceOf(doc),
    publishedDate: publishedDate(lastTexts(doc.rows, 8)),
    provenance,
    findings: [...findings, ...rules],
  };
}

function sourceOf(doc: SrcDoc): ParsedReport['source'] {
  const source: ParsedReport['source'] = { format: doc.format };
  if (doc.encoding) source.encoding = doc.encoding;
  if (doc.pages) source.pages = doc.pages;
  return source;
}

function everyValue<K, V>(m: Map<K, V>, test: (v: V, k: K) => boolean): boolean {
  for (const [k, v] of m) if (!test(v, k)) return false;
  return true;
}

/** The non-empty cell texts, in order. */
function nonEmptyTexts(rows: SrcRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) for (const c of r.cells) if (c.text.trim()) out.push(c.text);
  return out;
}

/** The last `n` non-empty cell texts, in order (where a report is signed and dated). */
function lastTexts(rows: SrcRow[], n: number): string[] {
  const out: string[] = [];
  for (let r = rows.length - 1; r >= 0 && out.length < n; r--) {
    const cells = (rows[r] as SrcRow).cells;
    for (let c = cells.length - 1; c >= 0 && out.length < n; c--)
      if ((cells[c] as { text: string }).text.trim()) out.unshift((cells[c] as { text: string }).text);
  }
  return out;
}

/** Any of the template's unmistakable words, anywhere: a cheap test before the real search. */
const TEMPLATE_WORDS = [
  ...(['newReceived', 'carriedOver', 'granted', 'carriedForward'] as const).map(shortestAlias),
  RECONSIDERATION_HEADING,
  VERSION_MARKERS['2021'][0] as string,
  VERSION_MARKERS['2019'][0] as string,
  DISCLOSURE,
];
function shortestAlias(key: ApplicationRowKey): string {
  const row = APPLICATION_ROWS.find((r) => r.key === key) as ApplicationRowDef;
  return row.aliases.reduce((a, b) => (b.length < a.length ? b : a));
}
const CARRIED_FORWARD = shortestAlias('carriedForward');

function mentionsTemplate(rows: SrcRow[]): boolean {
  const words = TEMPLATE_WORDS;
  const all = labelKey(rows.map((r) => r.cells.map((c) => c.text).join('')).join(''));
  return words.some((w) => all.includes(w));
}

/** Without a heading for table 四, its numbers follow the last row of table 三 (in the same section). */
function afterApplications(rows: SrcRow[]): SrcRow[] {
  const i = rows.findLastIndex((r) => r.cells.some((c) => labelKey(c.text).includes(CARRIED_FORWARD)));
  return i >= 0 ? rows.slice(i + 1) : [];
}

/**
 * When the text cannot be trusted as a whole (a PDF's reading order, which says which numbers the
 * tables hold but not where; characters mapped to the wrong ones), no cell is placed and every one
 * is named in one finding; what the table readers made of it is dropped with its findings: it was
 * a guess.
 */
function refuseTables(
  report: CanonicalReport,
  provenance: Record<string, Provenance>,
  findings: Finding[],
  rule: 'parse.tableOrderLost' | 'parse.textGarbled' | 'parse.ocrText',
  message: string,
) {
  const cells = cellPaths(report.templateVersion);
  for (const p of cells) {
    setPath(report as unknown as Record<string, unknown>, p, null);
    delete provenance[p];
  }
  const inTables = new Set<string>(cells);
  // What the table readers said about rows and cells was about a wrong reading: dropped.
  const kept = findings.filter((f) => !f.rule.startsWith('parse.') || (f.rule === 'parse.sectionMissing' && !f.cells.some((c) => inTables.has(c))));
  findings.length = 0;
  findings.push(...kept, { rule, severity: RULES[rule].severity, message, cells: [...cells] });
}

/**
 * Latin letters with accents right beside Chinese characters (`ÿ七Ā总计`, `保æ第`): what a PDF whose
 * fonts map glyphs to the wrong characters gives (seen in Ghostscript's rewrite of browser PDFs).
 * The same map turns other characters into digits (`、` → `1`), so no number of such text is sure.
 */
const GARBLED = /(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[\u00c0-\u024f]|[\u00c0-\u024f](?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g;

/**
 * A PDF whose fonts carry no character map: its text comes out as runs of symbols and accented
 * Latin letters (`äëÄ:!c!cúÆ2E#sC`), not one Chinese character — what printing to PostScript and
 * distilling it again makes of embedded CJK fonts.
 */
function glyphsWithoutCharacters(rows: SrcRow[]): boolean {
  let chars = 0;
  let symbols = 0;
  for (const r of rows)
    for (const c of r.cells)
      for (const ch of c.text) {
        if (/[\u4e00-\u9fff]/.test(ch)) return false;
        if (ch.trim() === '') continue;
        chars++;
        if (/[!-/:-@[-`{-~\u0080-\u024f]/.test(ch)) symbols++;
      }
  return chars >= 200 && symbols / chars > 0.3;
}

/**
 * A scan's OCR text layer (Tesseract, as scanners' "searchable PDF" write it): the table's ruling
 * lines come out as `|` characters stuck to the digits beside them (`3|`, `|0`, `|ol1`), which no
 * PDF written from a document has (a printed page's menu may have bars, between words). Digits
 * read by OCR are not sure (0 and o, 1 and l, 3 and 8), so such a file's numbers are not used.
 */
const OCR_RULE = /[|｜]\s?[\dolOI]|[\dolOI]\s?[|｜]/g;
/**
 * The text of such a scan (pdftotext, MuPDF) keeps the misreads but not the rules' place: digits
 * and the letters OCR takes for them run together (`1ojolo`, `l1o1`), which no typed report has.
 */
const OCR_DIGITS = /\d[oOlIij][\d|｜oOlIij]|[oOlIij]\d[\d|｜oOlIij]/g;
const OCR_RULE_ANY = new RegExp(OCR_RULE.source);
const OCR_DIGITS_ANY = new RegExp(OCR_DIGITS.source);
function ocrTextLayer(doc: SrcDoc): boolean {
  const [pattern, any, enough] =
    doc.format === 'pdf' ? [OCR_RULE, OCR_RULE_ANY, 8] : doc.format === 'text' || doc.format === 'markdown' ? [OCR_DIGITS, OCR_DIGITS_ANY, 4] : [null, null, 0];
  if (!pattern || !any) return false;
  // Most cells have none: a test without the g flag tells them without making match arrays.
  let marks = 0;
  for (const r of doc.rows) for (const c of r.cells) if (any.test(c.text)) marks += c.text.match(pattern)?.length ?? 0;
  return marks >= enough;
}

const LATIN_EXTENDED = /[\u00c0-\u024f]/;

/** The garbled spots of a document, when there are enough of them to be a wrong font map rather than a stray letter. */
function garbledText(rows: SrcRow[]): string[] {
  const spots: string[] = [];
  for (const r of rows)
    for (const c of r.cells) {
      if (!LATIN_EXTENDED.test(c.text)) continue;
      for (const m of c.text.matchAll(GARBLED)) {
        spots.push(c.text.slice(Math.max(0, (m.index ?? 0) - 3), (m.index ?? 0) + 4));
        if (spots.length >= 50) return spots;
      }
    }
  return spots.length >= 3 ? spots : [];
}

/** When （六） is printed as three sub-rows, its total is their sum, marked as derived. */
function deriveOtherHandlingTotal(report: CanonicalReport, provenance: Record<string, Provenance>, findings: Finding[]) {
  const oh = report.applications.otherHandling as Record<string, Record<string, number | null>>;
  const parts = OTHER_HANDLING_PARTS.map((k) => oh[k.split('.')[1] as string] as Record<string, number | null>);
  const flagged = (c: string) => {
    const { parts: partPaths } = OTHER_HANDLING_TOTAL[c] as { parts: string[] };
    return findings.find((f) => REFUSING_RULES.has(f.rule) && partPaths.some((p) => f.cells.includes(p)));
  };
  const printed = parts.some((row) => APPLICANT_KEYS.some((c) => row[c] !== null));
  if (!printed && !APPLICANT_KEYS.some((c) => flagged(c))) return;
  for (const c of APPLICANT_KEYS) {
    // A sum over a cell we could not read is itself unknown, and flagged with it.
    const unread = flagged(c);
    const { path, derived } = OTHER_HANDLING_TOTAL[c] as { path: string; derived: string };
    if (unread) {
      (oh.total as Record<string, number | null>)[c] = null;
      unread.cells.push(path);
      continue;
    }
    const vals = parts.map((row) => row[c] ?? null);
    (oh.total as Record<string, number | null>)[c] = vals.every((v) => v === null) ? null : vals.reduce<number>((s, v) => s + (v ?? 0), 0);
    provenance[path] = { raw: '', derived };
  }
}
/**
 * A finding that doubts a part of a derived sum doubts the sum too, so it names that cell as well:
 * a chart showing （六）'s total must not show it as unquestioned when a part it adds up is wrong.
 */
function nameDerivedSums(findings: Finding[], provenance: Record<string, Provenance>): void {
  for (const c of APPLICANT_KEYS) {
    const { path, parts } = OTHER_HANDLING_TOTAL[c] as { path: string; parts: string[] };
    if (!provenance[path]?.derived) continue;
    for (const f of findings) if (f.severity !== 'info' && !f.cells.includes(path) && parts.some((p) => f.cells.includes(p))) f.cells.push(path);
  }
}

/** Per applicant column: （六）'s total cell, its parts' cells, and the provenance's formula (strings made once). */
const OTHER_HANDLING_TOTAL: Record<string, { path: string; parts: string[]; derived: string }> = Object.fromEntries(
  APPLICANT_KEYS.map((c) => {
    const parts = OTHER_HANDLING_PARTS.map((k) => `applications.${k}.${c}`);
    return [c, { path: `applications.otherHandling.total.${c}`, parts, derived: parts.join(' + ') }];
  }),
);
