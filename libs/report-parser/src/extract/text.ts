import { headingOf } from '../sections.js';
import type { SrcDoc, SrcRow } from '../source.js';

const NUMBER_LINE = /^\s*[-+]?[\d０-９][\d０-９,.]*\s*$/;

/**
 * Text copied from a web page or dumped by a crawler. Two layouts: one cell per line (blocks
 * separated by empty lines are rows) and one row per line (cells split by | or tabs or wide gaps).
 */
export function extractText(text: string, format: 'text' | 'markdown' = 'text'): SrcDoc {
  const split = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  const lines = BOX_VERTICAL.test(text) ? boxDrawn(split) : split;
  // Whether each line is a number alone: asked by every step below, tested once.
  const numeric = new Uint8Array(lines.length);
  let numberLines = 0;
  let separatedLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (NUMBER_LINE.test(line)) {
      numeric[i] = 1;
      numberLines++;
    } else if (/\d/.test(line) && SEPARATED.test(line)) separatedLines++;
  }
  const paged = text.includes('\f');
  const cellPerLine = format === 'text' && numberLines >= 20 && numberLines > separatedLines;
  const furniture = furnitureLines(lines, numeric, paged);
  const doc: SrcDoc = {
    format,
    rows: cellPerLine ? cellPerLineRows(lines, numeric, furniture) : rowPerLineRows(lines, format, furniture),
    hasImages: false,
  };
  // Numbers on lines of their own, not beside their labels (as -layout keeps them): reading order.
  if (format === 'text' && numberLines > separatedLines && pagedReadingOrder(paged, lines, numeric)) doc.tableOrderLost = true;
  return doc;
}
/** Two cells on a line: text, a pipe, tab or wide gap, text. */
const SEPARATED = /\S\s*(\||\t| {2,})\s*\S/;

/**
 * A PDF's text saved as plain text (pdftotext without -layout, and most "PDF to text" tools): its
 * lines are the page's printed lines in the extractor's reading order, which walks a ruled table
 * block by block: numbers one or a few to a line, apart from their row's label. Known by pages
 * ending in form feeds, by lines of one ideograph (a narrow table heading printed a character or
 * two a line), or by lines of several numbers with single spaces (the cells a printed line
 * crossed). A copied web page keeps each cell whole on its own line and has none of these.
 * Laid out with columns (`-layout`), numbers stand beside their labels and are read by position.
 * Some extractors (mutool, as PyMuPDF) write a ruled table one cell a line, each row a block
 * opened by its label: that keeps the rows, page breaks or not, and is read as a copied page.
 */
function pagedReadingOrder(formFeeds: boolean, lines: string[], numeric: Uint8Array): boolean {
  let paged = formFeeds;
  if (!paged) {
    const single = new Set<string>();
    let numberRuns = 0;
    for (let i = 0; i < lines.length; i++) {
      if (numeric[i]) continue;
      const line = lines[i] as string;
      const m = SINGLE_IDEOGRAPH.exec(line);
      if (m) {
        if (m[1] !== '无') single.add(m[1] as string);
      } else if (NUMBERS_ON_A_LINE.test(line)) numberRuns++;
    }
    paged = single.size + numberRuns >= 3;
  }
  return paged && rowBlockShare(lines, numeric) < 0.8;
}
const SINGLE_IDEOGRAPH = /^\s*([\u4e00-\u9fff])\s*$/;

/**
 * The share of lone numbers that stand in a row block: lines between empty lines (or page breaks)
 * that open with a label (one to three lines, as it wraps) and go on with a row's numbers only
 * (at most table 四's fifteen).
 */
function rowBlockShare(lines: string[], numeric: Uint8Array): number {
  let numbers = 0;
  let inRows = 0;
  // The block's length, its count of numbers and where its first number stands.
  let size = 0;
  let count = 0;
  let first = -1;
  const close = () => {
    numbers += count;
    if (first > 0 && first <= 3 && count <= 15 && count === size - first) inRows += count;
    size = 0;
    count = 0;
    first = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.includes('\f') || line.trim() === '') close();
    else {
      if (numeric[i]) {
        if (first < 0) first = size;
        count++;
      }
      size++;
    }
  }
  close();
  return numbers === 0 ? 0 : inRows / numbers;
}
const NUMBERS_ON_A_LINE = /^\s*\d+(?: \d+)+\s*$/;

function cellPerLineRows(lines: string[], numeric: Uint8Array, furniture: Set<number>): SrcRow[] {
  // Copied tables mark an empty cell with a whitespace-only line and end a row with a truly
  // empty one; when a page does not make that distinction, whitespace lines are row ends too.
  const hasEmpty = lines.some((l) => l === '');
  const hasWhitespaceOnly = lines.some((l) => l !== '' && l.trim() === '');
  // Some writers (LibreOffice's text export) end no row at all: every cell is a line, an empty
  // cell an empty line. Known by empty lines between two numbers, which a row end never is
  // (rows open with their label). The template's labels then say where a row begins.
  let emptyBetweenNumbers = 0;
  for (let i = 1; i < lines.length - 1; i++) {
    if (lines[i] !== '' || !numeric[i - 1]) continue;
    let j = i;
    while (lines[j] === '') j++;
    if (j < lines.length && numeric[j]) emptyBetweenNumbers++;
  }
  const emptyIsCell = !hasWhitespaceOnly && emptyBetweenNumbers >= 2;
  const blanksAreCells = (hasEmpty && hasWhitespaceOnly) || emptyIsCell;
  const rows: SrcRow[] = [];
  let cur: SrcRow = { cells: [], blanksAreCells };
  const flush = () => {
    // A block of numbers alone is a table row whose label was lost (or never printed): marked
    // as a table row, the table readers place it by the table's arithmetic or flag it, instead
    // of handing its numbers to the next label.
    if (!emptyIsCell && cur.cells.length > 1 && cur.cells.every((c) => c.text === '' || NUMBER_LINE.test(c.text))) cur.table = true;
    if (cur.cells.length > 0) rows.push(cur);
    cur = { cells: [], blanksAreCells };
  };
  lines.forEach((line, i) => {
    if (furniture.has(i)) return;
    if (emptyIsCell && line.trim() === '') {
      cur.cells.push({ text: '', prov: { line: i + 1 } });
      return;
    }
    if (line === '' || (!blanksAreCells && line.trim() === '')) {
      flush();
      return;
    }
    // A heading or a sentence is no table cell: where a writer (LibreOffice's text export) ends
    // no row with an empty line, it would glue them to the table's cells around it.
    const own = headingOf(line.trim()) !== null || /[。！？]/.test(line);
    if (own) flush();
    cur.cells.push({ text: line.trim(), prov: { line: i + 1 } });
    if (own) flush();
  });
  flush();
  return rows;
}

/**
 * A browser's print header or footer kept in a text dump: a line opening with the page's address
 * or the date and time it was printed (the title or "1/3" may follow on the same line), or ending
 * in "1/3" after a wide gap.
 */
const PRINT_FURNITURE =
  /^\s*(https?:\/\/\S+|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(上午|下午)?\d{1,2}:\d{2}(\s*[AP]M)?)(\s.*)?$|^\s*\S.*\s{2,}\d{1,3}\s*\/\s*\d{1,3}\s*$/i;

const BOX_VERTICAL = /[│┃║╎╏┆┇┊┋]/;
const BOX_RULE = /[─━═┄┅┈┉]{2,}/;

/**
 * Tables drawn with box-drawing characters (w3m's and other text browsers' dumps, some converters):
 * a vertical line is a cell border, read as `|`, so an empty cell stays a cell; a line with a
 * horizontal rule is a border between rows (the fragments of a tall merged label on it are lost,
 * and with them nothing but a group's heading). The lines between two rules are one table row
 * whose long label wraps, its numbers set on any of them (w3m centres them): they are joined
 * column by column into one line, kept where the row's first line was.
 */
function boxDrawn(lines: string[]): string[] {
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    out.push(...joinRowLines(block));
    block = [];
  };
  for (const line of lines) {
    if (BOX_RULE.test(line)) {
      flush();
      out.push('');
    } else if (BOX_VERTICAL.test(line)) block.push(line.replace(/[│┃║╎╏┆┇┊┋]/g, '|'));
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

/** The lines of one drawn row as one line, when their borders stand in the same columns. */
function joinRowLines(block: string[]): string[] {
  if (block.length < 2) return block;
  const borders = (line: string) => {
    const at: number[] = [];
    let w = 0;
    for (const ch of line) {
      if (ch === '|') at.push(w);
      w += displayWidth(ch);
    }
    return at.join(',');
  };
  const first = borders(block[0] as string);
  if (block.some((l) => borders(l) !== first)) return block;
  const columns = block.map((l) => l.split('|'));
  const joined = (columns[0] as string[]).map((_, k) =>
    columns
      .map((c) => (c[k] as string).trim())
      .filter(Boolean)
      .join(''),
  );
  return [joined.join(' | ').trim(), ...block.slice(1).map(() => '')];
}

/**
 * A page number from a PDF's footer, kept in its text (pdftotext and the like): `-3-`, `— 3 —`,
 * `第 3 页 共 9 页`, `3/9`. A report's counts are never negative, so `-3-` is no value.
 */
const PAGE_NUMBER = /^\s*(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4})\s*$/;

const MAYBE_FURNITURE = /^\s*[\dh第\-—–－~]/;

/**
 * Lines that are page furniture: a browser's print header or footer, a page number in one of its
 * shapes, or a number set far in (a centred footer, as pdftotext -layout keeps it) with an empty
 * line above it as the last line before a page break (a form feed). A number at the start of its
 * line is a cell, even there: extractors that write a cell a line put a row's last cell there too.
 */
function furnitureLines(lines: string[], numeric: Uint8Array, paged: boolean): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    // A number alone is none of these shapes (each has a dash, 第, a slash or a colon).
    if (numeric[i]) continue;
    const line = lines[i] as string;
    // Both shapes open with a digit, `h`(ttp), 第 or a dash, or end in "1/3": most lines are neither.
    if ((MAYBE_FURNITURE.test(line) || line.includes('/')) && (PAGE_NUMBER.test(line) || PRINT_FURNITURE.test(line))) out.add(i);
  }
  if (!paged) return out;
  for (let i = 0; i < lines.length; i++) {
    if (!/^ {8,}\d{1,4}\s*$/.test(lines[i] as string) || (i > 0 && (lines[i - 1] as string).trim() !== '')) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] as string).trim() === '' && !(lines[j] as string).includes('\f')) j++;
    if (j === lines.length || (lines[j] as string).startsWith('\f')) out.add(i);
  }
  return out;
}

/** A plain-text table's rule (pandoc -t plain, simple and multiline tables): one run of dashes a column. */
const COLUMN_RULE = /^\s*-{3,}(?: +-{3,})+\s*$/;

/** Where each column of a ruled plain-text table starts and ends, in display columns. */
function ruleColumns(line: string): [number, number][] {
  return [...line.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** A line of a ruled table cut at its columns: a column with nothing in it is a blank cell. */
function cutAtColumns(line: string, columns: [number, number][], lineNo: number): SrcRow {
  const texts = columns.map(() => '');
  let at = 0;
  for (const ch of line) {
    // A character belongs to the last column that starts at or before it.
    let c = 0;
    while (c + 1 < columns.length && (columns[c + 1] as [number, number])[0] <= at) c++;
    texts[c] += ch;
    at += displayWidth(ch);
  }
  return { cells: texts.map((t) => ({ text: t.trim(), prov: { line: lineNo } })), blanksAreCells: true, table: true };
}

function rowPerLineRows(lines: string[], format: 'text' | 'markdown', furniture: Set<number>): SrcRow[] {
  const rows: SrcRow[] = [];
  let pipeLines = 0;
  let borderedLines = 0;
  for (const l of lines) {
    if (!l.includes('|')) continue;
    pipeLines++;
    const t = l.trim();
    if (t.length > 1 && t.startsWith('|') && t.endsWith('|')) borderedLines++;
  }
  const bordered = pipeLines > 0 && borderedLines === pipeLines;
  // Inside a table ruled with dashes (pandoc's plain text and markdown), the rule says where each column is.
  let columns: [number, number][] | null = null;
  // A rule under a header line (a simple table) has no bottom rule: an empty line ends the table.
  let endsAtEmptyLine = false;
  lines.forEach((rawLine, i) => {
    let line = rawLine;
    if (furniture.has(i)) return;
    if (COLUMN_RULE.test(line)) {
      const cols = ruleColumns(line);
      // The same rule again closes the table (its bottom rule); another one is a new header rule.
      const same = columns?.length === cols.length && columns.every((c, k) => c[0] === (cols[k] as [number, number])[0]);
      if (!columns) endsAtEmptyLine = (lines[i - 1] ?? '').trim() !== '';
      columns = same ? null : cols;
      return;
    }
    if (columns && line.trim() === '' && endsAtEmptyLine) columns = null;
    if (columns && line.trim() !== '' && !line.includes('\t') && !line.includes('|')) {
      rows.push(cutAtColumns(line, columns, i + 1));
      return;
    }
    if (format === 'markdown') {
      if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) return; // table rule
      if (/^\s*\+[-=:+]+\+\s*$/.test(line)) return; // a grid table's rule (pandoc)
      // Headings, emphasis and line breaks: most lines have none of their characters.
      if (line.includes('#')) line = line.replace(/^\s{0,3}#{1,6}\s+/, '');
      if (line.includes('**') || line.includes('__')) line = line.replace(/\*\*|__/g, '');
      if (line.includes('<')) line = line.replace(/<br\s*\/?>/gi, ' ');
    }
    if (line.trim() === '') return;
    let fields: string[];
    let blanksAreCells = false;
    if (line.includes('|')) {
      // In markdown, pipes at both ends are a border, not empty cells; in plain text too when every
      // pipe line has them (else a line opening with a pipe has an empty first cell).
      const bare = line.trim();
      fields = bare.split('|');
      if ((format === 'markdown' || bordered) && bare.startsWith('|') && bare.endsWith('|') && fields.length > 1) {
        fields.shift();
        fields.pop();
      }
      blanksAreCells = true;
    } else if (line.trim().includes('\t')) {
      fields = line.replace(/^ +| +$/g, '').split('\t');
      blanksAreCells = true;
    } else {
      // Columns aligned with spaces (pdftotext -layout, pandoc's tables): a cell's place in the
      // line is its column, so a blank cell is known by the gap it leaves (read like a PDF's x).
      const cells: SrcRow['cells'] = [];
      let at = 0;
      let width = 0;
      for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
        width += displayWidth(line.slice(at, m.index));
        const w = displayWidth(m[0]);
        cells.push({ text: m[0], prov: { line: i + 1, x: width + w / 2 } });
        width += w;
        at = m.index + m[0].length;
      }
      if (cells.length === 1) (cells[0] as SrcRow['cells'][number]).prov = { line: i + 1 }; // one cell: no columns to tell
      rows.push({ cells, blanksAreCells: false, table: false });
      return;
    }
    rows.push({
      cells: fields.map((f) => ({ text: f.trim(), prov: { line: i + 1 } })),
      blanksAreCells,
      // A table drawn with a border on every line (org, rst, a text browser's box lines) is a real
      // table, as markdown's: its empty label columns are label area, not blank numbers.
      table: (format === 'markdown' || bordered) && line.includes('|'),
    });
  });
  return rows;
}

/** Columns a monospace layout gives a text: ideographs and full-width forms take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      w += 1; // a character outside the BMP: one column, two code units
      i++;
    } else w += isWide(c) ? 2 : 1;
  }
  return w;
}
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}
