import { UnreadableInputError } from '../errors.js';
import type { SrcCell, SrcDoc, SrcRow } from '../source.js';
import { broken, type CompoundFile, readCompoundFile } from './cfb.js';

/**
 * Word 97–2003 binary documents (.doc, and WPS files saved in that format) [MS-DOC]: the main
 * text through the piece table, and its tables from the paragraph properties. A table cell ends
 * with a cell mark (0x07) and a row with one more, but an empty cell is also a lone mark, so only
 * the row-end paragraph's "table terminating" property tells a blank cell from the row's end —
 * which is why the properties are read at all: blank cells are where Word reports differ.
 */
export function extractDoc(bytes: Uint8Array): SrcDoc {
  try {
    return readDoc(bytes);
  } catch (e) {
    // Every record is read through bounds-checked views: a read outside one is a damaged file.
    if (e instanceof RangeError) throw broken('a record points outside its stream');
    throw e;
  }
}

function readDoc(bytes: Uint8Array): SrcDoc {
  const cf = readCompoundFile(bytes);
  const word = cf.stream('WordDocument');
  if (!word) {
    throw new UnreadableInputError(
      'input.binary',
      cf.stream('Workbook') || cf.stream('Book')
        ? 'Excel 文件不是年度报告，请提交报告的 Word、网页或 PDF 文件 (an Excel workbook, not a report)'
        : '这个 Office 文件不是 Word 文档，无法读取 (an Office file that is not a Word document)',
    );
  }
  const fib = readFib(word);
  const table = cf.stream(fib.tableStream);
  if (!table) throw broken(`no ${fib.tableStream} stream`);
  const pieces = readPieces(table, fib);
  const papx = readParagraphRuns(word, table, fib, cf);
  return { format: 'doc', ...documentRows(word, pieces, papx, fib.ccpText) };
}

interface Fib {
  tableStream: '0Table' | '1Table';
  ccpText: number;
  fcClx: number;
  lcbClx: number;
  fcPlcfBtePapx: number;
  lcbPlcfBtePapx: number;
}

function readFib(w: Uint8Array): Fib {
  if (w.length < 0x9a) throw broken('no file information block');
  const v = new DataView(w.buffer, w.byteOffset, w.byteLength);
  const ident = v.getUint16(0, true);
  const nFib = v.getUint16(2, true);
  if (ident !== 0xa5ec || nFib < 0x65) {
    throw new UnreadableInputError(
      'input.brokenDoc',
      'Word 6.0/95 或更早格式的文件无法读取，请在 Word/WPS 中另存为 .docx 后再提交 (Word 95 or older: save as .docx)',
    );
  }
  const flags = v.getUint16(0x0a, true);
  if (flags & 0x0100) {
    throw new UnreadableInputError('input.brokenDoc', 'Word 文件设有打开密码，请去掉密码后再上传 (the .doc is password-protected: save it without a password)');
  }
  const csw = v.getUint16(0x20, true);
  const lw = 0x22 + csw * 2 + 2;
  const cslw = v.getUint16(lw - 2, true);
  const fc = lw + cslw * 4 + 2;
  const cbRgFcLcb = v.getUint16(fc - 2, true);
  if (cslw < 4 || cbRgFcLcb < 34 || fc + 34 * 8 > w.length) throw broken('file information block too short');
  const pair = (i: number) => [v.getUint32(fc + i * 8, true), v.getUint32(fc + i * 8 + 4, true)] as const;
  const [fcClx, lcbClx] = pair(33);
  const [fcPlcfBtePapx, lcbPlcfBtePapx] = pair(13);
  return { tableStream: flags & 0x0200 ? '1Table' : '0Table', ccpText: v.getUint32(lw + 12, true), fcClx, lcbClx, fcPlcfBtePapx, lcbPlcfBtePapx };
}

/** One run of text: characters [cp, cpEnd) stored from byte `fc` of WordDocument, 1 or 2 bytes each. */
interface Piece {
  cp: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

function readPieces(t: Uint8Array, fib: Fib): Piece[] {
  if (fib.fcClx + fib.lcbClx > t.length) throw broken('piece table past the end of its stream');
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  let p = fib.fcClx;
  const end = fib.fcClx + fib.lcbClx;
  // Formatting blocks (Prc) come first; the piece table (Pcdt) follows.
  while (p < end && t[p] === 0x01) p += 3 + v.getInt16(p + 1, true);
  if (p + 5 > end || t[p] !== 0x02) throw broken('no piece table');
  const lcb = v.getUint32(p + 1, true);
  const at = p + 5;
  if (at + lcb > t.length) throw broken('piece table past the end of its stream');
  const n = (lcb - 4) / 12;
  if (!Number.isInteger(n) || n < 1) throw broken('piece table of an odd size');
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cp = v.getUint32(at + i * 4, true);
    const cpEnd = v.getUint32(at + (i + 1) * 4, true);
    const raw = v.getUint32(at + (n + 1) * 4 + i * 8 + 2, true);
    const compressed = (raw & 0x40000000) !== 0;
    if (cpEnd < cp) throw broken('piece table out of order');
    pieces.push({ cp, cpEnd, compressed, fc: compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff });
  }
  return pieces;
}

/** What a paragraph's properties say about tables (only what reading needs). */
interface ParaProps {
  inTable: boolean;
  /** The paragraph is a table row's end mark. */
  rowEnd: boolean;
  /** Per cell of the row (on row ends): vertically merged into the cell above, merged into the cell before. */
  cells?: { vMerged: boolean; hMerged: boolean; left: number }[];
}

interface Run {
  from: number;
  to: number;
  props: ParaProps;
}

const PLAIN: ParaProps = { inTable: false, rowEnd: false };

/** Paragraph properties by byte range of WordDocument, from the PAPX pages (FKPs). */
function readParagraphRuns(w: Uint8Array, t: Uint8Array, fib: Fib, cf: CompoundFile): Run[] {
  if (fib.fcPlcfBtePapx + fib.lcbPlcfBtePapx > t.length) throw broken('paragraph table past the end of its stream');
  const tv = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const n = (fib.lcbPlcfBtePapx - 4) / 8;
  if (!Number.isInteger(n) || n < 0) throw broken('paragraph table of an odd size');
  const wv = new DataView(w.buffer, w.byteOffset, w.byteLength);
  let data: Uint8Array | null | undefined;
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const page = (tv.getUint32(fib.fcPlcfBtePapx + (n + 1) * 4 + i * 4, true) & 0x3fffff) * 512;
    if (page + 512 > w.length) throw broken('paragraph page past the end of the document');
    const crun = w[page + 511] as number;
    for (let r = 0; r < crun; r++) {
      const from = wv.getUint32(page + r * 4, true);
      const to = wv.getUint32(page + (r + 1) * 4, true);
      const bOffset = (w[page + (crun + 1) * 4 + r * 13] as number) * 2;
      let props = PLAIN;
      if (bOffset !== 0) {
        const cb = w[page + bOffset] as number;
        const start = cb === 0 ? page + bOffset + 2 : page + bOffset + 1;
        const len = cb === 0 ? 2 * (w[page + bOffset + 1] as number) : 2 * cb - 1;
        if (start + len > page + 512) throw broken('paragraph properties past their page');
        // The first two bytes name the paragraph's style; the properties follow.
        let grpprl = w.subarray(start + 2, start + len);
        const huge = findSprm(grpprl, 0x6646) ?? findSprm(grpprl, 0x6645);
        if (huge) {
          data ??= cf.stream('Data');
          const off = new DataView(huge.buffer, huge.byteOffset, huge.byteLength).getUint32(0, true);
          if (!data || off + 2 > data.length) throw broken('paragraph properties past the end of the data stream');
          const size = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint16(off, true);
          if (off + 2 + size > data.length) throw broken('paragraph properties past the end of the data stream');
          grpprl = data.subarray(off + 2, off + 2 + size);
        }
        props = paraProps(grpprl);
      }
      runs.push({ from, to, props });
    }
  }
  return runs.sort((a, b) => a.from - b.from);
}

/** Operand bytes of each property modifier (sprm) in a list, in order. */
function* sprms(g: Uint8Array): Generator<[number, Uint8Array]> {
  const v = new DataView(g.buffer, g.byteOffset, g.byteLength);
  let p = 0;
  while (p + 2 <= g.length) {
    const sprm = v.getUint16(p, true);
    p += 2;
    let len: number;
    switch (sprm >> 13) {
      case 0:
      case 1:
        len = 1;
        break;
      case 2:
      case 4:
      case 5:
        len = 2;
        break;
      case 3:
        len = 4;
        break;
      case 7:
        len = 3;
        break;
      default:
        if (sprm === 0xd608 || sprm === 0xd606) {
          // Table definitions count their size in two bytes, one more than what follows.
          if (p + 2 > g.length) return;
          len = v.getUint16(p, true) - 1;
          p += 2;
        } else {
          if (p + 1 > g.length) return;
          len = g[p] as number;
          p += 1;
        }
    }
    if (len < 0 || p + len > g.length) return;
    yield [sprm, g.subarray(p, p + len)];
    p += len;
  }
}

function findSprm(g: Uint8Array, id: number): Uint8Array | null {
  for (const [sprm, operand] of sprms(g)) if (sprm === id) return operand;
  return null;
}

function paraProps(g: Uint8Array): ParaProps {
  let inTable = false;
  let rowEnd = false;
  let depth = 1;
  let innerRowEnd = false;
  let cells: ParaProps['cells'];
  for (const [sprm, o] of sprms(g)) {
    if (sprm === 0x2416) inTable = o[0] !== 0;
    else if (sprm === 0x2417) rowEnd = o[0] !== 0;
    else if (sprm === 0x6649) depth = new DataView(o.buffer, o.byteOffset, o.byteLength).getInt32(0, true);
    else if (sprm === 0x244c) innerRowEnd = o[0] !== 0;
    else if (sprm === 0xd608) cells = tableDefinition(o);
    else if (sprm === 0xd62b && cells && o.length >= 2) {
      const c = cells[o[0] as number];
      if (c) c.vMerged = o[1] === 1;
    }
  }
  if (depth > 1 || innerRowEnd) return { inTable: true, rowEnd: false };
  return { inTable: inTable || depth > 1, rowEnd, ...(cells ? { cells } : {}) };
}

/** sprmTDefTable: the row's cell edges and, per cell, how it is merged. */
function tableDefinition(o: Uint8Array): ParaProps['cells'] {
  const v = new DataView(o.buffer, o.byteOffset, o.byteLength);
  const count = o[0] as number;
  if (1 + (count + 1) * 2 > o.length) return undefined;
  const tcs = 1 + (count + 1) * 2;
  const cells: NonNullable<ParaProps['cells']> = [];
  for (let i = 0; i < count; i++) {
    const flags = tcs + i * 20 + 2 <= o.length ? v.getUint16(tcs + i * 20, true) : 0;
    cells.push({ left: v.getInt16(1 + i * 2, true), hMerged: (flags & 3) >= 2, vMerged: ((flags >> 5) & 3) === 1 });
  }
  return cells;
}

const cp1252 = new TextDecoder('windows-1252', { ignoreBOM: true });
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Paragraphs as rows; a table's rows as rows of cells, with blank cells kept. */
function documentRows(w: Uint8Array, pieces: Piece[], runs: Run[], ccpText: number): { rows: SrcRow[]; hasImages: boolean } {
  const out: SrcRow[] = [];
  let hasImages = false;
  let para = '';
  let cell = '';
  let cells: string[] = [];
  let tableRows: { cells: string[]; props: ParaProps }[] = [];
  let tables = 0;
  // Field codes (0x13 code 0x14 result 0x15) show their result, never their code.
  const fields: boolean[] = [];
  let run = 0;
  const propsAt = (fc: number): ParaProps => {
    while (run > 0 && (runs[run] as Run).from > fc) run--;
    while (run < runs.length - 1 && (runs[run] as Run).to <= fc) run++;
    const r = runs[run];
    return r && r.from <= fc && fc < r.to ? r.props : PLAIN;
  };
  const flushTable = () => {
    if (tableRows.length === 0) return;
    out.push(...tableSrcRows(tableRows, ++tables));
    tableRows = [];
  };
  const endParagraph = (mark: number, fc: number) => {
    const props = propsAt(fc);
    if (mark === 0x07 && props.rowEnd) {
      tableRows.push({ cells, props });
      cells = [];
      cell = '';
    } else if (mark === 0x07) {
      cells.push(cell + para);
      cell = '';
    } else if (props.inTable) {
      cell += `${para}\n`;
    } else {
      flushTable();
      if (para.trim()) out.push({ cells: [{ text: para.trim(), prov: {} }], blanksAreCells: false });
    }
    para = '';
  };

  for (const piece of pieces) {
    if (piece.cp >= ccpText) break;
    const count = Math.min(piece.cpEnd, ccpText) - piece.cp;
    const width = piece.compressed ? 1 : 2;
    const end = piece.fc + count * width;
    if (end > w.length) throw broken('text past the end of the document');
    const text = (piece.compressed ? cp1252 : utf16).decode(w.subarray(piece.fc, end));
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x13) {
        fields.push(true);
        continue;
      }
      if (c === 0x14) {
        if (fields.length) fields[fields.length - 1] = false;
        continue;
      }
      if (c === 0x15) {
        fields.pop();
        continue;
      }
      if (c === 0x0d || c === 0x07) {
        endParagraph(c, piece.fc + i * width);
        continue;
      }
      if (fields.length && fields[fields.length - 1]) continue;
      if (c === 0x01 || c === 0x08) hasImages = true;
      else if (c === 0x09) para += '\t';
      else if (c === 0x0b || c === 0x0c) para += '\n';
      else if (c === 0x1e) para += '-';
      else if (c >= 0x20) para += text[i];
    }
  }
  if (para.trim()) endParagraph(0x0d, -1);
  flushTable();
  return { rows: out, hasImages };
}

/** A table's rows: cells merged into the one above or before are not cells of their own (as HTML's spans). */
function tableSrcRows(rows: { cells: string[]; props: ParaProps }[], table: number): SrcRow[] {
  const edges = [...new Set(rows.flatMap((r) => (r.props.cells ?? []).map((c) => c.left)))].sort((a, b) => a - b);
  return rows.map((r, i) => {
    const cells: SrcCell[] = [];
    for (const [k, text] of r.cells.entries()) {
      const def = r.props.cells?.[k];
      if (def?.vMerged || def?.hMerged) continue;
      const col = def ? edges.indexOf(def.left) + 1 : k + 1;
      cells.push({ text: text.trim(), prov: { table, row: i + 1, col } });
    }
    return { cells, blanksAreCells: true, table: true };
  });
}
