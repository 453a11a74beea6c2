import type { SrcCell, SrcDoc, SrcRow } from '../source.js';
import { type GridItem, type GridTable, pathSegments, ruledTables } from './pdf-grid.js';
import { withPdfPages } from './pdfium.js';

type Item = GridItem;

const FOOTER = /^[-—–－]\s*\d{1,4}\s*[-—–－]$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/;
const PRINT_FURNITURE = /^(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(上午|下午)?\d{1,2}:\d{2}(\s*[AP]M)?|https?:\/\/\S+|file:\/\/\S+|\d{1,3}\s*\/\s*\d{1,3})$/i;
const NUMERIC = /^[-+]?[\d,]+(\.\d+)?$/;

/** PDF text pieces rebuilt into lines by position; ruled tables read by their cells. */
export async function extractPdf(bytes: Uint8Array): Promise<SrcDoc> {
  const rows: SrcRow[] = [];
  let textItems = 0;
  const pages = await withPdfPages(bytes, ({ items, bottom: y0, top: y1, paths }, index) => {
    const p = index + 1;
    textItems += items.length;
    // Only pages with numbers can hold a table: the drawing is not read on the others.
    const numbers = items.reduce((n, it) => n + (NUMERIC.test(it.str.trim()) ? 1 : 0), 0);
    const segs = numbers >= 3 ? pathSegments(paths()) : [];
    const { tables, rest } = segs.length >= 4 ? ruledTables(segs, items) : { tables: [], rest: items };
    const lines = pageLines(rest, p, y0 + (y1 - y0) * 0.07, y1 - (y1 - y0) * 0.05);
    rows.push(...byPosition(lines, tables, p));
  });
  return { format: 'pdf', pages, rows, hasImages: textItems === 0 };
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
