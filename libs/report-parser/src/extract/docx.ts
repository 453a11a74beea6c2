import { Inflate } from 'fflate';
import { Parser } from 'htmlparser2';
import { UnreadableInputError } from '../errors.js';
import { isFootnoteMark } from '../normalize.js';
import type { SrcCell, SrcDoc, SrcRow } from '../source.js';

/** A report's document.xml is well under this; more is a zip bomb or not a report. */
const MAX_XML_BYTES = 64 * 1024 * 1024;
/** Compressed bytes fed to the inflater at a time: at DEFLATE's ~1:1032 ratio, ≤ 16 MB out per step. */
const INFLATE_STEP = 16 * 1024;

/** Word .docx: paragraphs as lines, tables with gridSpan / vMerge resolved like HTML. */
export function extractDocx(bytes: Uint8Array): SrcDoc {
  const entries = centralDirectory(bytes);
  const hasImages = entries.some((e) => e.name.startsWith('word/media/'));
  const doc = entries.find((e) => e.name === 'word/document.xml');
  if (!doc) throw new UnreadableInputError('input.brokenDocx', 'Word 文件中没有正文 word/document.xml (not a .docx document)');
  const xml = inflateCapped(bytes, doc, MAX_XML_BYTES);
  const { rows, tableCount, boxRows } = documentRows(new TextDecoder('utf-8').decode(xml));
  // A document with no table whose text sits in floating text boxes is a page converted from a
  // PDF (LibreOffice's PDF import writes every line and cell as a positioned box): the boxes come
  // in drawing order, not in the table's rows and columns, so no number can be placed by order.
  const tableOrderLost = tableCount === 0 && boxRows >= 20 && boxRows * 2 >= rows.length;
  return { format: 'docx', rows, hasImages, ...(tableOrderLost ? { tableOrderLost } : {}) };
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function broken(why: string): UnreadableInputError {
  return new UnreadableInputError('input.brokenDocx', `Word 文件已损坏，无法解压 (broken .docx: ${why})`);
}

/** The zip's table of contents (its end), which names every file with its size and place. */
function centralDirectory(b: Uint8Array): ZipEntry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) throw broken('bad central directory');
    const nameLength = view.getUint16(p + 28, true);
    const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (next > b.length) throw broken('bad central directory');
    entries.push({
      name: names.decode(b.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p = next;
  }
  return entries;
}

/**
 * Inflates one entry, counting the bytes that come out and stopping at `cap`: the sizes a zip
 * declares are not trusted (a bomb can claim 100 bytes and expand to gigabytes).
 */
function inflateCapped(b: Uint8Array, e: ZipEntry, cap: number): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = e.localOffset;
  if (at + 30 > b.length || view.getUint32(at, true) !== 0x04034b50) throw broken('bad local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (e.compressedSize === 0xffffffff || end > b.length) throw broken('entry runs past the end of the file');
  const tooBig = () =>
    new UnreadableInputError('input.brokenDocx', `Word 文件正文解压后超过 ${cap / 1048576} MB，疑似压缩炸弹 (document.xml expands past ${cap} bytes)`);
  if (e.method === 0) {
    if (e.compressedSize > cap) throw tooBig();
    return b.subarray(start, end);
  }
  if (e.method !== 8) throw broken(`compression method ${e.method}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw tooBig();
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let p = start; p < end && !done; p += INFLATE_STEP) inflater.push(b.subarray(p, Math.min(end, p + INFLATE_STEP)), p + INFLATE_STEP >= end);
  } catch (err) {
    if (err instanceof UnreadableInputError) throw err;
    throw broken((err as Error).message);
  }
  if (!done) throw broken('document.xml is cut short');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

interface XTable {
  index: number;
  rows: { text: string; span: number; merge: 'none' | 'restart' | 'continue' }[][];
  /** Holds another table: page layout, read as running text (as the HTML extractor does). */
  layout: boolean;
}

function documentRows(xml: string): { rows: SrcRow[]; tableCount: number; boxRows: number } {
  const out: SrcRow[] = [];
  const tables: XTable[] = [];
  let tableCount = 0;
  let para = '';
  let inText = false;
  type XCell = XTable['rows'][number][number];
  let cell: XCell | null = null;
  // A text box is written twice, as a DrawingML shape and as a VML fallback for old readers (Word
  // and LibreOffice both do): only the first is read, or every word in a box would count twice.
  let fallback = 0;
  let boxes = 0;
  let boxRows = 0;
  /** The run being read: where its text starts, and whether it is set superscript (a footnote mark?). */
  let run: { in: XCell | null; from: number; sup: boolean } | null = null;

  const top = () => tables[tables.length - 1];
  const inRunningText = () => tables.length === 0 || (top() as XTable).layout;
  const pushPara = (text: string) => {
    const t = text.trim();
    if (!t) return;
    out.push({ cells: [{ text: t, prov: {} }], blanksAreCells: false });
    if (boxes > 0) boxRows++;
  };
  // A table inside a table: the outer ones lay the page out. What they held so far is running
  // text, in order, before the inner table.
  const toLayout = () => {
    pushPara(para);
    para = '';
    for (const t of tables) {
      if (t.layout) continue;
      t.layout = true;
      for (const row of t.rows) for (const c of row) for (const line of c.text.split('\n')) pushPara(line);
      t.rows = [];
    }
    cell = null;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'mc:fallback' || fallback > 0) {
          fallback++;
          return;
        }
        const t = top();
        if (name === 'w:txbxcontent') boxes++;
        else if (name === 'w:tbl') {
          if (tables.length > 0) toLayout();
          tables.push({ index: ++tableCount, rows: [], layout: false });
        } else if (name === 'w:tr') {
          if (t && !t.layout) t.rows.push([]);
        } else if (name === 'w:tc' && t && !t.layout) {
          cell = { text: '', span: 1, merge: 'none' };
          if (t.rows.length === 0) t.rows.push([]);
          t.rows[t.rows.length - 1]?.push(cell);
        } else if (name === 'w:gridspan' && cell) cell.span = Math.min(100, Math.max(1, Number.parseInt(attrs['w:val'] ?? '1', 10) || 1));
        else if (name === 'w:vmerge' && cell) cell.merge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
        else if (name === 'w:r') run = { in: cell, from: cell ? cell.text.length : para.length, sup: false };
        // Word sets a superscript run's vertAlign; LibreOffice raises it (a positive position).
        else if (name === 'w:vertalign' && run) run.sup = attrs['w:val'] === 'superscript';
        else if (name === 'w:position' && run) run.sup = Number(attrs['w:val']) > 0;
        else if (name === 'w:t') inText = true;
        else if (name === 'w:tab') append('\t');
        else if (name === 'w:br' || name === 'w:cr') append('\n');
      },
      ontext(text) {
        if (inText && fallback === 0) append(text);
      },
      onclosetag(name) {
        if (fallback > 0) {
          fallback--;
          return;
        }
        if (name === 'w:t') inText = false;
        else if (name === 'w:r') {
          if (run?.sup && run.in === cell) {
            const text = cell ? cell.text : para;
            if (isFootnoteMark(text.slice(run.from))) {
              if (cell) cell.text = text.slice(0, run.from);
              else para = text.slice(0, run.from);
            }
          }
          run = null;
        } else if (name === 'w:txbxcontent') boxes--;
        else if (name === 'w:p') {
          if (cell) cell.text += '\n';
          else if (inRunningText()) {
            pushPara(para);
            para = '';
          }
        } else if (name === 'w:tc') cell = null;
        else if (name === 'w:tbl') {
          const t = tables.pop();
          if (t && !t.layout) out.push(...tableRows(t));
          cell = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  function append(s: string) {
    if (cell) cell.text += s;
    else if (inRunningText()) para += s;
  }
  parser.end(xml);
  return { rows: out, tableCount, boxRows };
}

function tableRows(t: XTable): SrcRow[] {
  return t.rows.map((cells, r) => {
    const out: SrcCell[] = [];
    let col = 0;
    for (const c of cells) {
      // A vMerge continuation is the lower part of a merged cell: its content lives above.
      if (c.merge !== 'continue') out.push({ text: c.text.replace(/\s+$/g, '').replace(/^\s+/g, ''), prov: { table: t.index, row: r + 1, col: col + 1 } });
      col += c.span;
    }
    return { cells: out, blanksAreCells: true, table: true };
  });
}
