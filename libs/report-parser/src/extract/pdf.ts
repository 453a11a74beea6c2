import { UnreadableInputError } from '../errors.js';
import type { SrcCell, SrcDoc, SrcRow } from '../source.js';
import { type GridTable, type OpCodes, pageSegments, ruledTables } from './pdf-grid.js';

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

const FOOTER = /^[-—–－]\s*\d{1,4}\s*[-—–－]$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/;
const PRINT_FURNITURE = /^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(上午|下午)?\d{1,2}:\d{2}(\s*[AP]M)?|https?:\/\/\S+|file:\/\/\S+|\d{1,3}\s*\/\s*\d{1,3})$/i;
const NUMERIC = /^[-+]?[\d,]+(\.\d+)?$/;

/** PDF text items (pdfjs) rebuilt into lines by position; numbers stay separate cells with x. */
export async function extractPdf(bytes: Uint8Array): Promise<SrcDoc> {
  const { getDocument, OPS, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes), // a copy: pdfjs detaches it, and it refuses Buffers
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: VerbosityLevel.ERRORS,
    }).promise;
  } catch (e) {
    throw new UnreadableInputError('input.brokenPdf', `PDF 文件已损坏，无法打开 (broken PDF: ${(e as Error).message})`);
  }
  const rows: SrcRow[] = [];
  let textItems = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = it.transform as number[];
        items.push({ str: it.str, x: e, y: f, w: it.width, size: Math.hypot(a, b) || it.height || 10 });
      }
      textItems += items.length;
      const [, y0 = 0, , y1 = 842] = page.view;
      // Ruled tables are read by their cells; the rest of the page by its lines.
      // Drawing operators cost as much as the text again: only pages with numbers can hold a table.
      const numbers = items.reduce((n, it) => n + (NUMERIC.test(it.str.trim()) ? 1 : 0), 0);
      const segs = numbers >= 3 ? pageSegments(await page.getOperatorList(), OPS as unknown as OpCodes) : [];
      const { tables, rest } = segs.length >= 4 ? ruledTables(segs, items) : { tables: [], rest: items };
      const lines = pageLines(rest, p, y0 + (y1 - y0) * 0.07, y1 - (y1 - y0) * 0.05);
      rows.push(...byPosition(lines, tables, p));
      page.cleanup();
    }
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    throw new UnreadableInputError('input.brokenPdf', `PDF 文件内容损坏，无法读取 (broken PDF: ${(e as Error).message})`);
  } finally {
    await doc.destroy();
  }
  return { format: 'pdf', pages: doc.numPages, rows, hasImages: textItems === 0 };
}

/** Lines and table rows of a page in reading order (top to bottom). */
function byPosition(lines: { row: SrcRow; y: number }[], tables: GridTable[], page: number): SrcRow[] {
  const all: { row: SrcRow; y: number }[] = [...lines];
  for (const t of tables) {
    t.rows.forEach((cells, k) => {
      const y = t.top - k * 1e-3; // keep a table's rows together and in order
      all.push({
        row: { cells: cells.map((c) => ({ text: c.text, prov: { page, x: round(c.x), y: round(c.y) } })), blanksAreCells: true, table: true },
        y,
      });
    });
  }
  return all.sort((a, b) => b.y - a.y).map((r) => r.row);
}

function pageLines(items: Item[], page: number, bottom: number, top: number): { row: SrcRow; y: number }[] {
  // Page numbers: "- 3 -" anywhere, or a bare number alone in the bottom or top margin.
  const alone = (it: Item) => !items.some((o) => o !== it && Math.abs(o.y - it.y) < 3);
  // A browser's print header and footer (date and time, title; address, "1/3") in the margins.
  const margin = (it: Item) => it.y < bottom || it.y > top;
  const furniture = items.filter((it) => margin(it) && PRINT_FURNITURE.test(it.str.trim())).map((it) => it.y);
  const onFurnitureLine = (it: Item) => furniture.some((y) => Math.abs(y - it.y) < 3);
  const body = items.filter(
    (it) => !FOOTER.test(it.str.trim()) && !(margin(it) && /^\d{1,4}$/.test(it.str.trim()) && alone(it)) && !(margin(it) && onFurnitureLine(it)),
  );
  body.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of body) {
    const line = lines[lines.length - 1];
    const ref = line?.[0];
    if (line && ref && Math.abs(ref.y - it.y) <= Math.max(2, 0.45 * Math.min(ref.size, it.size))) line.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const cells: SrcCell[] = [];
    let prev: Item | null = null;
    for (const it of line) {
      const numeric = NUMERIC.test(it.str.trim());
      const last = cells[cells.length - 1];
      const gap = prev ? it.x - (prev.x + prev.w) : Number.POSITIVE_INFINITY;
      // Text pieces that touch are one cell (a label split into runs); numbers always stand alone.
      if (last && prev && !numeric && !NUMERIC.test(prev.str.trim()) && gap < prev.size * 1.5) {
        last.text += it.str;
      } else {
        cells.push({ text: it.str, prov: { page, x: round(it.x + it.w / 2), y: round(it.y) } });
      }
      prev = it;
    }
    return { row: { cells, blanksAreCells: false }, y: line[0]?.y ?? 0 };
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
