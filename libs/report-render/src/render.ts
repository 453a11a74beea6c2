import type { CanonicalReport } from '@gongkai/report-template';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { type Block, type LayoutOptions, type LRow, layout } from './layout.js';

export type RenderFormat = 'html' | 'html-gbk' | 'text-cells' | 'text-pipes' | 'text-tabs' | 'text-glued' | 'markdown' | 'docx';
export const RENDER_FORMATS: readonly RenderFormat[] = ['html', 'html-gbk', 'text-cells', 'text-pipes', 'text-tabs', 'text-glued', 'markdown', 'docx'];

/** File name extension a rendered report is saved under. */
export const RENDER_EXT: Readonly<Record<RenderFormat, string>> = {
  html: 'html',
  'html-gbk': 'html',
  'text-cells': 'txt',
  'text-pipes': 'txt',
  'text-tabs': 'txt',
  'text-glued': 'txt',
  markdown: 'md',
  docx: 'docx',
};

/** Writes canonical data back out in one of the shapes real reports arrive in. */
export function renderReport(report: CanonicalReport, format: RenderFormat, options: LayoutOptions = {}): Uint8Array {
  const blocks = layout(report, options);
  switch (format) {
    case 'html':
      return strToU8(html(blocks, 'utf-8'));
    case 'html-gbk':
      return new Uint8Array(iconv.encode(html(blocks, 'gb2312'), 'gbk'));
    case 'text-cells':
      return strToU8(cellsText(blocks));
    case 'text-pipes':
      return strToU8(rowsText(blocks, ' | '));
    case 'text-tabs':
      return strToU8(rowsText(blocks, '\t'));
    case 'text-glued':
      return strToU8(rowsText(blocks, ''));
    case 'markdown':
      return strToU8(markdown(blocks));
    case 'docx':
      return docx(blocks);
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function html(blocks: Block[], charset: string): string {
  const body = blocks
    .map((b) => {
      if (b.kind === 'title') return `<h1>${esc(b.text)}</h1>`;
      if (b.kind === 'heading') return `<h2>${esc(b.text)}</h2>`;
      if (b.kind === 'para') return `<p>${esc(b.text)}</p>`;
      const rows = b.rows.map(
        (r) =>
          `<tr>${r.map((c) => `<td${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}${c.colspan ? ` colspan="${c.colspan}"` : ''}>${esc(c.text)}</td>`).join('')}</tr>`,
      );
      return `<table border="1" cellspacing="0">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    })
    .join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="${charset}"><title>${esc((blocks[0] as { text: string }).text)}</title>\n<style>td{border:1px solid #000}</style><script>var x = "<td>99</td>";</script></head>\n<body>\n${body}\n</body></html>\n`;
}

/** As text copied from a web page: one cell per line, tab-indented, an empty line after each row. */
function cellsText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'table') {
      out.push(b.text, '');
      continue;
    }
    for (const row of b.rows) {
      for (const c of row) out.push(`\t${c.text.replace(/\n/g, ' ')}`);
      out.push('');
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** One row per line; `sep` '' glues the cells together as a careless crawler does. */
function rowsText(blocks: Block[], sep: string): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'table') {
      out.push(b.text);
      continue;
    }
    for (const row of b.rows) out.push(rowCells(row, sep).join(sep));
  }
  return `${out.join('\n')}\n`;
}

function rowCells(row: LRow, sep: string): string[] {
  // Merged cells leave filler after them in separated dumps (`行政许可 | 0 | | `).
  return row.flatMap((c) => (sep && c.colspan && c.value ? [c.text, ...Array.from({ length: c.colspan - 1 }, () => '')] : [c.text]));
}

function markdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'title') out.push(`# ${b.text}`, '');
    else if (b.kind === 'heading') out.push(`## ${b.text}`, '');
    else if (b.kind === 'para') out.push(b.text, '');
    else {
      const width = Math.max(...b.rows.map((r) => r.reduce((n, c) => n + (c.colspan ?? 1), 0)));
      // PDF converters invent a header row of placeholders.
      out.push(`| ${Array.from({ length: width }, (_, i) => (i === 0 ? '项目' : `数据${i}`)).join(' | ')} |`);
      out.push(`|${Array.from({ length: width }, () => ' --- ').join('|')}|`);
      for (const row of b.rows) out.push(`| ${row.map((c) => c.text.replace(/\|/g, '/')).join(' | ')} |`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

const xesc = (s: string) => esc(s);

/** Page text width of A4 with 1.8 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 9900;
const PAGE = '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1000" w:bottom="1440" w:left="1000" w:header="850" w:footer="850" w:gutter="0"/>';
const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');

/** Column widths as Word templates of the report set them: label columns wide, number columns even. */
function gridWidths(width: number): number[] {
  if (width === 10) return [560, 1300, 2440, ...Array.from({ length: 7 }, () => 800)]; // table 三
  if (width <= 4) return [TEXT_WIDTH - 2200 * (width - 1), ...Array.from({ length: width - 1 }, () => 2200)];
  return Array.from({ length: width }, () => Math.floor(TEXT_WIDTH / width));
}

function docx(blocks: Block[]): Uint8Array {
  const para = (t: string, center = false) =>
    `<w:p>${center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${xesc(t)}</w:t></w:r></w:p>`;
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind !== 'table') {
      parts.push(para(b.text, b.kind === 'title'));
      continue;
    }
    // Resolve the grid so vertically merged cells can be written as vMerge continuations.
    type GCell = { text: string; colspan: number; merge: 'restart' | 'continue' | 'none'; center: boolean };
    const grid: (GCell | null)[][] = [];
    b.rows.forEach((row, r) => {
      grid[r] ??= [];
      let c = 0;
      for (const cell of row) {
        while (grid[r]?.[c] !== undefined) c++;
        const cs = cell.colspan ?? 1;
        const rs = cell.rowspan ?? 1;
        const center = Boolean(cell.value) || cell.text.length <= 6;
        (grid[r] as unknown[])[c] = { text: cell.text, colspan: cs, merge: rs > 1 ? 'restart' : 'none', center };
        for (let k = 1; k < cs; k++) (grid[r] as unknown[])[c + k] = null;
        for (let dr = 1; dr < rs; dr++) {
          grid[r + dr] ??= [];
          (grid[r + dr] as unknown[])[c] = { text: '', colspan: cs, merge: 'continue', center };
          for (let k = 1; k < cs; k++) (grid[r + dr] as unknown[])[c + k] = null;
        }
        c += cs;
      }
    });
    const widths = gridWidths(Math.max(...grid.map((row) => row.length)));
    const rows = grid.map(
      (row) =>
        `<w:tr>${row
          .map((c, i) => {
            if (!c) return '';
            const w = widths.slice(i, i + c.colspan).reduce((s, x) => s + x, 0);
            const pr = `<w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${c.colspan > 1 ? `<w:gridSpan w:val="${c.colspan}"/>` : ''}${c.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.merge === 'continue' ? '<w:vMerge/>' : ''}<w:vAlign w:val="center"/></w:tcPr>`;
            return `<w:tc>${pr}${para(c.text, c.center)}</w:tc>`;
          })
          .join('')}</w:tr>`,
    );
    const cols = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
    parts.push(
      `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>${cols}${rows.join('')}</w:tbl>`,
    );
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}<w:sectPr>${PAGE}</w:sectPr></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(document),
  });
}
