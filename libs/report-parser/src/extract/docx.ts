import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { UnreadableInputError } from '../errors.js';
import type { SrcCell, SrcDoc, SrcRow } from '../source.js';

/** A report's document.xml is well under this; a larger claim is a zip bomb or not a report. */
const MAX_XML_BYTES = 64 * 1024 * 1024;

/** Word .docx: paragraphs as lines, tables with gridSpan / vMerge resolved like HTML. */
export function extractDocx(bytes: Uint8Array): SrcDoc {
  let files: Record<string, Uint8Array>;
  let hasImages = false;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (file.name.startsWith('word/media/')) hasImages = true;
        if (file.name !== 'word/document.xml') return false;
        if (file.originalSize > MAX_XML_BYTES) {
          throw new UnreadableInputError(
            'input.brokenDocx',
            `Word 文件正文解压后过大 (${file.originalSize} 字节)，疑似压缩炸弹 (document.xml would expand to ${file.originalSize} bytes)`,
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    throw new UnreadableInputError('input.brokenDocx', `Word 文件已损坏，无法解压 (broken .docx: ${(e as Error).message})`);
  }
  const xml = files['word/document.xml'];
  if (!xml) throw new UnreadableInputError('input.brokenDocx', 'Word 文件中没有正文 word/document.xml (not a .docx document)');
  if (xml.length > MAX_XML_BYTES) throw new UnreadableInputError('input.brokenDocx', 'Word 文件正文解压后过大，疑似压缩炸弹 (document.xml too large)');
  return { format: 'docx', rows: documentRows(new TextDecoder('utf-8').decode(xml)), hasImages };
}

interface XTable {
  index: number;
  rows: { text: string; span: number; merge: 'none' | 'restart' | 'continue' }[][];
}

function documentRows(xml: string): SrcRow[] {
  const out: SrcRow[] = [];
  const tables: XTable[] = [];
  let tableCount = 0;
  let para = '';
  let inText = false;
  type XCell = XTable['rows'][number][number];
  let cell: XCell | null = null;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const t = tables[tables.length - 1];
        if (name === 'w:tbl') tables.push({ index: ++tableCount, rows: [] });
        else if (name === 'w:tr') t?.rows.push([]);
        else if (name === 'w:tc' && t && tables.length === 1) {
          cell = { text: '', span: 1, merge: 'none' };
          if (t.rows.length === 0) t.rows.push([]);
          t.rows[t.rows.length - 1]?.push(cell);
        } else if (name === 'w:gridspan' && cell) cell.span = Math.min(100, Math.max(1, Number.parseInt(attrs['w:val'] ?? '1', 10) || 1));
        else if (name === 'w:vmerge' && cell) cell.merge = attrs['w:val'] === 'restart' ? 'restart' : 'continue';
        else if (name === 'w:t') inText = true;
        else if (name === 'w:tab') append('\t');
        else if (name === 'w:br' || name === 'w:cr') append('\n');
      },
      ontext(text) {
        if (inText) append(text);
      },
      onclosetag(name) {
        if (name === 'w:t') inText = false;
        else if (name === 'w:p') {
          if (cell) cell.text += '\n';
          else if (tables.length === 0) {
            if (para.trim()) out.push({ cells: [{ text: para.trim(), prov: {} }], blanksAreCells: false });
            para = '';
          }
        } else if (name === 'w:tc' && tables.length === 1) cell = null;
        else if (name === 'w:tbl') {
          const t = tables.pop();
          if (t && tables.length === 0) out.push(...tableRows(t));
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  function append(s: string) {
    if (cell) cell.text += s;
    else if (tables.length === 0) para += s;
  }
  parser.end(xml);
  return out;
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
