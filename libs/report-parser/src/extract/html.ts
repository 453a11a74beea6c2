import { Parser } from 'htmlparser2';
import { isFootnoteMark } from '../normalize.js';
import type { SrcCell, SrcDoc, SrcRow } from '../source.js';
import { type HtmlHandler, scanHtml, UNUSUAL } from './html-scan.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'object', 'iframe', 'nav', 'footer', 'select', 'button']);
/** Site chrome around the article: menus, breadcrumbs, footers. */
const CHROME = /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|footer|foot|copyright|sidebar|share|toolbar)([\s_-]|$)/i;
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'hr',
  'dt',
  'dd',
  'center',
  'caption',
]);
/** Browsers clamp spans too; this also bounds the grid a hostile page can make us build. */
const MAX_SPAN = 100;

interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
}
interface HtmlTable {
  rows: HtmlCell[][];
  index: number;
  /** Holds another table: page layout (old portals set whole pages in tables), read as running text. */
  layout: boolean;
}

/** Real pages nest a few dozen deep; the parser's stack costs O(depth) per tag, so cap it. */
const MAX_DEPTH = 2000;
const TOO_DEEP = Symbol('too deep');

/** HTML with real tables: rowspan/colspan resolved to a grid, text outside tables kept as lines. */
export function extractHtml(input: string): SrcDoc {
  try {
    return extractHtmlWith(input, 'scanner', true);
  } catch (e) {
    if (e !== TOO_DEEP) throw e;
    // A hostile page nested thousands deep keeps only its text (and line breaks).
    return extractHtmlWith(input.replace(/<(?!\/?(?:br|p|img)\b)[^>]*>/gi, ' '), 'scanner', false);
  }
}

/**
 * The page read with our tag scanner (and, for markup it leaves alone, htmlparser2), or with
 * htmlparser2 only: the differential test compares the two.
 */
export function extractHtmlWith(html: string, engine: 'scanner' | 'htmlparser2', guard = true): SrcDoc {
  if (engine === 'scanner') {
    try {
      return read(html, guard, scanHtml);
    } catch (e) {
      if (e !== UNUSUAL) throw e;
    }
  }
  return read(html, guard, (text, handler) => new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(text));
}

function read(html: string, guard: boolean, run: (html: string, handler: HtmlHandler) => void): SrcDoc {
  // The parser reports every element's end, implied ones too, so this is its stack's depth.
  let depth = 0;
  const out: SrcRow[] = [];
  let hasImages = false;
  let skipDepth = 0;
  let para = '';
  const tables: HtmlTable[] = [];
  let tableCount = 0;
  let cell: HtmlCell | null = null;
  let titleText = '';
  let inTitle = false;
  /** Where the open `<sup>`'s text starts, in the cell or the paragraph it was opened in. */
  let sup: { in: HtmlCell | null; from: number } | null = null;

  const flushPara = () => {
    const t = para.replace(/[ \t\f\v\u00a0]+/g, ' ').trim();
    if (t) for (const line of t.split(/\n+/)) if (line.trim()) out.push({ cells: [{ text: line.trim(), prov: {} }], blanksAreCells: false });
    para = '';
  };
  const inLayout = () => tables.length === 0 || (tables[tables.length - 1] as HtmlTable).layout;
  // A table inside a table: the outer ones lay the page out. What they held so far is running
  // text, in order, before the inner table; whatever they hold after flows the same way.
  const toLayout = () => {
    for (const t of tables) {
      if (t.layout) continue;
      t.layout = true;
      for (const row of t.rows) for (const c of row) para += `\n${c.text}\n`;
      t.rows = [];
    }
    cell = null;
    flushPara();
  };

  run(html, {
    onopentag(name, attrs) {
      if (guard && ++depth > MAX_DEPTH) throw TOO_DEEP;
      if (name === 'title') inTitle = true;
      // While skipping, every element nests one deeper; htmlparser2 closes what a page leaves open.
      if (skipDepth > 0 || SKIP.has(name) || ((attrs.class !== undefined || attrs.id !== undefined) && CHROME.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`))) {
        skipDepth++;
        return;
      }
      if (name === 'img') hasImages = true;
      if (name === 'sup') sup = { in: cell, from: cell ? cell.text.length : para.length };
      if (name === 'table') {
        if (tables.length === 0) flushPara();
        else toLayout();
        tables.push({ rows: [], index: ++tableCount, layout: false });
      } else if (inLayout() && (name === 'tr' || name === 'td' || name === 'th')) {
        if (tables.length > 0) para += '\n';
      } else if (name === 'tr') {
        tables[tables.length - 1]?.rows.push([]);
      } else if ((name === 'td' || name === 'th') && tables.length > 0) {
        const t = tables[tables.length - 1] as HtmlTable;
        if (t.rows.length === 0) t.rows.push([]);
        cell = { text: '', rowspan: span(attrs.rowspan), colspan: span(attrs.colspan) };
        (t.rows[t.rows.length - 1] as HtmlCell[]).push(cell);
      } else if (BLOCK.has(name)) {
        if (cell) cell.text += '\n';
        else para += '\n';
      }
    },
    ontext(text) {
      if (inTitle) titleText += text;
      if (skipDepth > 0) return;
      if (cell) cell.text += text;
      else if (inLayout()) para += text;
    },
    onclosetag(name) {
      depth--;
      if (name === 'title') inTitle = false;
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (name === 'sup') {
        if (sup && sup.in === cell) {
          const text = cell ? cell.text : para;
          if (isFootnoteMark(text.slice(sup.from))) {
            if (cell) cell.text = text.slice(0, sup.from);
            else para = text.slice(0, sup.from);
          }
        }
        sup = null;
      } else if (name === 'td' || name === 'th') {
        cell = null;
        if (inLayout() && tables.length > 0) para += '\n';
      } else if (name === 'table') {
        const t = tables.pop();
        cell = null;
        if (t && !t.layout) out.push(...gridRows(t));
        else flushPara();
      } else if (BLOCK.has(name)) {
        if (cell) cell.text += '\n';
        else para += '\n';
      }
    },
  });
  flushPara();
  while (tables.length > 0) {
    const t = tables.pop() as HtmlTable;
    if (!t.layout) out.push(...gridRows(t));
  }
  if (out.length === 0 && titleText.trim()) out.push({ cells: [{ text: titleText.trim(), prov: {} }], blanksAreCells: false });
  return { format: 'html', rows: out, hasImages };
}

function span(v: string | undefined): number {
  if (v === undefined) return 1;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** Places cells on the grid; a merged cell is emitted once, at its top-left slot. */
function gridRows(t: HtmlTable): SrcRow[] {
  const taken: boolean[][] = [];
  const rows: SrcRow[] = [];
  t.rows.forEach((cells, r) => {
    const placed: SrcCell[] = [];
    let c = 0;
    for (const hc of cells) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < hc.rowspan; dr++) {
        const row = (taken[r + dr] ??= []);
        for (let dc = 0; dc < hc.colspan; dc++) row[c + dc] = true;
      }
      placed.push({ text: cellText(hc.text), prov: { table: t.index, row: r + 1, col: c + 1 } });
      c += hc.colspan;
    }
    rows.push({ cells: placed, blanksAreCells: true, table: true });
  });
  return rows;
}

/** Runs of spaces, tabs and no-break spaces as one space, trimmed (most cells need only the trim). */
function cellText(text: string): string {
  return ODD_SPACE.test(text) ? text.replace(/[ \t\f\v\u00a0]+/g, ' ').trim() : text.trim();
}
const ODD_SPACE = /[\t\f\v\u00a0]| {2}/;
