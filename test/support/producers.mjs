// Real document producers on this machine — Chromium (print to PDF, page text), LibreOffice
// (soffice: PDF, .docx, HTML and text), pandoc, poppler's pdftotext — so tests and benches read
// what browsers, Word-style editors, converters and crawlers actually write, not only what our own
// renderer writes. Plain Node; nothing downloaded.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layout, randomReport, renderReport, rng } from '@gongkai/report-render';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

/** `name` on PATH, or null. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** Chromium: GONGKAI_CHROMIUM, Debian's /usr/bin/chromium, or `chromium` on PATH; null when none. */
export function findChromium() {
  try {
    return chromiumPath();
  } catch {
    return process.env.GONGKAI_CHROMIUM ? null : onPath('chromium');
  }
}

/** pandoc (GONGKAI_PANDOC or PATH), a document converter; null when it is not installed. */
export function findPandoc() {
  return process.env.GONGKAI_PANDOC ?? onPath('pandoc');
}

/** .docx (or `from`) files through pandoc to `to` (`gfm`, `markdown`, `plain`), each as the converter writes it. */
async function pandoc(files, to, from = 'docx') {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pandoc-'));
  try {
    const out = [];
    for (const [i, data] of files.entries()) {
      const file = join(dir, `${i}.${from}`);
      writeFileSync(file, data);
      const { stdout } = await run(findPandoc() ?? 'pandoc', ['-f', from, '-t', to, file]);
      out.push(new TextEncoder().encode(stdout));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** .docx files to markdown with pandoc, as a converter would publish them. */
export const pandocMarkdown = (docxFiles) => pandoc(docxFiles, 'gfm');

/** .docx files to plain text with pandoc (`-t plain`): its tables drawn with spaces and dashes. */
export const pandocPlain = (docxFiles) => pandoc(docxFiles, 'plain');

/** Web pages to markdown with pandoc, as crawlers convert pages: GitHub's (`gfm`) or pandoc's own. */
export const pandocFromHtml = (pages, to) => pandoc(pages, to, 'html');

/** poppler's `pdftotext` (GONGKAI_PDFTOTEXT or PATH); null when it is not installed. */
export function findPdftotext() {
  return process.env.GONGKAI_PDFTOTEXT ?? onPath('pdftotext');
}

/**
 * A PDF's text as poppler's pdftotext writes it (what sites and crawlers publish as "the text of
 * the PDF"): reading order, or with `layout` the page's columns kept by spaces, or with `raw` the
 * order of the content stream. UTF-8, pages separated by form feeds.
 */
export async function pdfToText(pdf, { layout = false, raw = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdftotext-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run(findPdftotext() ?? 'pdftotext', [...(layout ? ['-layout'] : []), ...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], {
      encoding: 'buffer',
    });
    return new Uint8Array(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** MuPDF's `mutool` (GONGKAI_MUTOOL or PATH), whose text output is PyMuPDF's; null when it is not installed. */
export function findMutool() {
  return process.env.GONGKAI_MUTOOL ?? onPath('mutool');
}

/**
 * A PDF's text as MuPDF writes it (`mutool draw -F txt`, the same as PyMuPDF's `get_text()`, which
 * many crawlers use): blocks of lines, a ruled table one cell a line and a row a block; pages end
 * in form feeds.
 */
export async function mupdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-mutool-'));
  try {
    const [src, out] = ['in.pdf', 'out.txt'].map((f) => join(dir, f));
    writeFileSync(src, pdf);
    await run(findMutool() ?? 'mutool', ['draw', '-q', '-F', 'txt', '-o', out, src]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A PDF printed and scanned, made searchable by OCR: its pages as greyscale JPEGs (poppler's
 * pdftoppm, 150 dpi) and Tesseract's Chinese model writing the images back to a PDF with an
 * invisible text layer, as scanners' "searchable PDF" does (apt-get install tesseract-ocr
 * tesseract-ocr-chi-sim; GONGKAI_TESSERACT).
 */
export async function scannedWithOcr(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ocr-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    await run(onPath('pdftoppm') ?? 'pdftoppm', ['-r', '150', '-gray', '-jpeg', '-jpegopt', 'quality=50', join(dir, 'in.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((f) => f.startsWith('page'))
      .sort()
      .map((f) => join(dir, f));
    writeFileSync(join(dir, 'pages.txt'), `${pages.join('\n')}\n`);
    await run(process.env.GONGKAI_TESSERACT ?? onPath('tesseract') ?? 'tesseract', [join(dir, 'pages.txt'), join(dir, 'out'), '-l', 'chi_sim', 'pdf']);
    return new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The page as a text-mode browser dumps it, as some crawlers save pages: w3m draws tables with
 * box-drawing lines, lynx aligns cells with spaces. 80 columns, their default.
 */
export async function textBrowserDump(html, tool) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-dump-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, html);
    const args =
      tool === 'w3m'
        ? ['-dump', '-T', 'text/html', '-I', 'UTF-8', '-O', 'UTF-8', file]
        : ['-dump', '-nolist', '-assume_charset=utf-8', '-display_charset=utf-8', file];
    const { stdout } = await run(onPath(tool) ?? tool, args, { encoding: 'buffer' });
    return new Uint8Array(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ghostscript's `gs` (GONGKAI_GS or PATH), which virtual PDF printers run; null when it is not installed. */
export function findGhostscript() {
  return process.env.GONGKAI_GS ?? onPath('gs');
}

/**
 * A PDF written again by another producer, as happens when a PDF is printed or converted once more:
 * - `cairo`: poppler's pdftocairo, i.e. cairo's PDF writer (Linux print dialogs, Firefox on Linux);
 * - `ghostscript`: Ghostscript's pdfwrite (virtual PDF printers, "optimise PDF" tools);
 * - `ps2pdf`: printed to PostScript (pdftops) and distilled by Ghostscript, as a PostScript
 *   printer driver does — embedded CJK fonts lose their character maps on the way.
 */
export async function rewritePdf(pdf, via) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-rewrite-'));
  try {
    const [src, out, ps] = ['in.pdf', 'out.pdf', 'out.ps'].map((f) => join(dir, f));
    writeFileSync(src, pdf);
    const gs = (from) => run(findGhostscript() ?? 'gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${out}`, from]);
    if (via === 'cairo') await run(onPath('pdftocairo') ?? 'pdftocairo', ['-pdf', src, out]);
    else if (via === 'ghostscript') await gs(src);
    else if (via === 'ps2pdf') {
      await run(onPath('pdftops') ?? 'pdftops', [src, ps]);
      await gs(ps);
    } else throw new Error(`unknown PDF rewriter ${via}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** LibreOffice's `soffice` (GONGKAI_SOFFICE or PATH); null when it is not installed. */
export function findSoffice() {
  return process.env.GONGKAI_SOFFICE ?? onPath('soffice');
}

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 << 20, timeout: 600_000, ...options }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.slice(0, 4).join(' ')} …: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The report as a county website publishes it: breadcrumb and page furniture around the report,
 * ruled tables (collapsed 1px borders) as wide as an A4 page so long labels wrap, the three-deep
 * header of table 三, the tall 办理结果 cell one character wide, values centred. Sites differ in
 * font, heading weight and table text size (so in where labels wrap): drawn from `seed` unless
 * `style` ({ font: 'serif' | 'sans', bold, size }) says. `tight` sets cells as some sites do: no
 * padding, line height 1.2, text at the top, middle or bottom of the cell (by seed).
 */
export function govPageHtml(report, options = {}) {
  const rand = rng(options.seed ?? 1);
  const style = { font: rand() < 0.5 ? 'serif' : 'sans', bold: rand() < 0.5, size: 12 + Math.floor(rand() * 3), ...options.style };
  const family = style.font === 'sans' ? '"Noto Sans CJK SC", sans-serif' : '"Noto Serif CJK SC", serif';
  const blocks = layout(report, { publishedDate: options.publishedDate ?? null });
  const title = blocks[0].text;
  const year = (report.year ?? 2023) + 1;
  const body = [];
  for (const b of blocks) {
    if (b.kind === 'title') body.push(`<h1>${esc(b.text)}</h1>`);
    else if (b.kind === 'heading') body.push(`<h2>${esc(b.text)}</h2>`);
    else if (b.kind === 'para') body.push(`<p>${esc(b.text)}</p>`);
    else {
      const width = Math.max(...b.rows.map((r) => r.reduce((n, c) => n + (c.colspan ?? 1), 0)));
      const rows = b.rows.map((r) => {
        const article = r.length === 1 && (r[0].colspan ?? 1) === width;
        const cells = r.map((c) => {
          const attrs = [c.rowspan ? ` rowspan="${c.rowspan}"` : '', c.colspan ? ` colspan="${c.colspan}"` : ''];
          const cls = c.value ? 'num' : article ? 'art' : (c.rowspan ?? 1) > 6 ? 'tall' : c.text.length > 6 ? 'label' : 'head';
          return `<td class="${cls}"${attrs.join('')}>${esc(c.text)}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      });
      body.push(`<table border="1" cellspacing="0" cellpadding="2" width="100%">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
    }
  }
  const views = 50 + Math.floor(rand() * 2000);
  const month = 1 + Math.floor(rand() * 3);
  const day = 10 + Math.floor(rand() * 18);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: ${family}; font-size: 15px; line-height: 1.6; margin: 0 auto; max-width: 180mm; }
.crumb, .info, .foot { font-size: 12px; color: #555; }
h1 { text-align: center; font-size: 22px; font-weight: ${style.bold ? 'bold' : 'normal'}; }
h2 { font-size: 17px; margin: 12px 0 6px; font-weight: ${style.bold ? 'bold' : 'normal'}; }
p { text-indent: 2em; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: ${style.size}px; }
td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
td.num, td.head, td.art { text-align: center; }
td.art { background: #dfe9f5; }
td.tall { width: 1.2em; text-align: center; }${options.tight ? `\ntd { padding: 0; line-height: 1.2; vertical-align: ${['top', 'middle', 'bottom'][(options.seed ?? 1) % 3]}; }` : ''}
</style></head>
<body>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="info">发布时间：${year}-${String(month).padStart(2, '0')}-${day} 来源：${esc(report.organ ?? '')} 浏览次数：${views}</div>
${body.join('\n')}
<div class="foot">附件下载 【打印本页】【关闭窗口】</div>
</body></html>
`;
}

const PAGE_PDF = { preferCSSPageSize: true, format: 'A4' };

/**
 * A Chromium kept open for a batch: `printToPdf` is the browser's print pipeline (page.pdf is the
 * same code as `--print-to-pdf`), `visibleText` is `document.body.innerText`, and `pageText` that
 * text as a crawler keeps it.
 */
export async function openChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set GONGKAI_CHROMIUM');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  const page = await context.newPage();
  // Served from a county site's address (never the network), so the printed footer shows a URL.
  let current = '';
  let n = 0;
  await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: current }));
  const load = async (html) => {
    current = typeof html === 'string' ? html : new TextDecoder().decode(html);
    n++;
    await page.goto(`http://www.xxgk.example.gov.cn/zwgk/ndbg/art_${1000 + n}.html`, { waitUntil: 'load' });
  };
  return {
    /** The page printed as a person does (Ctrl-P, "Save as PDF"): A4, date/title header, URL/page footer. */
    async printToPdf(html, options = {}) {
      await load(html);
      const header = options.headerFooter ?? true;
      return new Uint8Array(await page.pdf({ ...PAGE_PDF, displayHeaderFooter: header }));
    },
    /** What the browser shows as text, in its own order (cells tab-separated, rows on lines). */
    async visibleText(html) {
      await load(html);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text in the browser's order (tabs, line breaks) is what crawlers save; textContent is not
      return page.evaluate(() => document.body.innerText);
    },
    async pageText(html, options = {}) {
      return crawlText(await this.visibleText(html), options);
    },
    /** The page saved as one file, as "Save page as… single file" and archive crawlers do (MHTML). */
    async mhtml(html) {
      await load(html);
      const cdp = await context.newCDPSession(page);
      const { data } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
      await cdp.detach();
      return new TextEncoder().encode(data);
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * An archive crawler's page.txt: every whitespace character removed, so the page is one line.
 * `spaced` keeps a stray space at a few cell boundaries inside digit runs (format-variations.md):
 * `spaced` is the chance per such boundary, drawn from `seed`.
 */
export function crawlText(innerText, { spaced = 0, seed = 1 } = {}) {
  const rand = rng(seed);
  return innerText.replace(/\s+/g, (ws, at, s) => {
    if (!spaced || !ws.includes('\t')) return '';
    const before = s[at - 1] ?? '';
    const after = s[at + ws.length] ?? '';
    return /\d/.test(before) && /\d/.test(after) && rand() < spaced ? ' ' : '';
  });
}

const TARGETS = {
  pdf: { convertTo: 'pdf:writer_pdf_Export', ext: 'pdf' },
  docx: { convertTo: 'docx:MS Word 2007 XML', ext: 'docx' },
  html: { convertTo: 'html:HTML (StarWriter)', ext: 'html' },
  txt: { convertTo: 'txt:Text', ext: 'txt' },
  doc: { convertTo: 'doc:MS Word 97', ext: 'doc' },
};

/**
 * LibreOffice converts every file in ONE soffice run (start-up is most of its time), in a private
 * profile so parallel runs do not share a lock. `files`: [{ name: 'a.html' | 'a.docx', data }].
 * HTML opens in Writer (not Writer/Web, which cannot save .docx). Returns the outputs in order.
 */
export async function sofficeConvert(files, target) {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice not found: install it (apt-get install -y --no-install-recommends libreoffice-writer) or set GONGKAI_SOFFICE');
  const t = TARGETS[target];
  if (!t) throw new Error(`unknown target ${target}: ${Object.keys(TARGETS).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-soffice-'));
  try {
    const inputs = files.map((f, i) => {
      const ext = f.name.slice(f.name.lastIndexOf('.') + 1);
      const path = join(dir, `f${i}.${ext}`);
      writeFileSync(path, f.data);
      return path;
    });
    const html = files.some((f) => /\.html?$/i.test(f.name));
    // A PDF opened in Writer (LibreOffice's PDF import: every line and cell a positioned text box).
    const pdf = files.some((f) => /\.pdf$/i.test(f.name));
    const outdir = join(dir, 'out');
    await run(soffice, [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nologo',
      ...(html ? ['--infilter=HTML (StarWriter)'] : pdf ? ['--infilter=writer_pdf_import'] : []),
      '--convert-to',
      t.convertTo,
      '--outdir',
      outdir,
      ...inputs,
    ]);
    return files.map((_, i) => {
      try {
        return new Uint8Array(readFileSync(join(outdir, `f${i}.${t.ext}`)));
      } catch {
        throw new Error(`soffice did not write ${files[i].name} as ${target}`);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How zeros and totals are left blank in a case: the variants real reports show. */
export const BLANK_MODES = {
  b0: { label: 'none', options: { blankRate: 0 } },
  b30: { label: '30% of zeros', options: { blankRate: 0.3 } },
  b60: { label: '60% of zeros', options: { blankRate: 0.6 } },
  legal: { label: '法人 columns + 30% of zeros', options: { blankRate: 0.3, blankLegalColumns: true } },
  totals: { label: '总计 cells + 30% of zeros', options: { blankRate: 0.3, blankTotals: true } },
};

/** The shapes real producers make of a report, and the file extension each is saved under. */
export const SHAPES = {
  'chromium-pdf': { ext: 'pdf', needs: 'chromium', what: 'web page printed to PDF by Chromium (A4, date/title header, URL footer)' },
  'libreoffice-pdf': { ext: 'pdf', needs: 'soffice', what: 'our .docx exported to PDF by LibreOffice' },
  'libreoffice-word-pdf': { ext: 'pdf', needs: 'soffice', what: 'web page opened in LibreOffice Writer, saved as .docx, exported to PDF' },
  'libreoffice-docx': { ext: 'docx', needs: 'soffice', what: 'web page opened in LibreOffice Writer, saved as .docx' },
  'libreoffice-html-pdf': {
    ext: 'pdf',
    needs: 'soffice',
    what: 'web page opened in LibreOffice Writer, exported straight to PDF (long labels and the number after them set as one run)',
  },
  'libreoffice-doc': { ext: 'doc', needs: 'soffice', what: 'our .docx saved by LibreOffice as Word 97–2003 .doc' },
  'libreoffice-html-doc': { ext: 'doc', needs: 'soffice', what: 'web page opened in LibreOffice Writer, saved as Word 97–2003 .doc' },
  'pandoc-markdown': { ext: 'md', needs: 'pandoc', what: 'that .docx converted to markdown by pandoc (GitHub pipe tables, merged cells flattened)' },
  // Without whitespace a blank cell leaves no trace: where blanks were, the text no longer says which cell is which.
  'pandoc-html-gfm': {
    ext: 'md',
    needs: 'pandoc-html',
    what: 'the web page converted to GitHub markdown by pandoc (its <div> wrappers kept as raw HTML, pipe tables with empty label columns)',
  },
  'pandoc-html-markdown': { ext: 'md', needs: 'pandoc-html', what: "the web page converted to pandoc's own markdown (simple tables ruled with dashes)" },
  'page-text': { ext: 'txt', needs: 'chromium', blanksLost: true, what: "crawler's page.txt: Chromium's innerText with every whitespace removed" },
  'page-text-spaced': { ext: 'txt', needs: 'chromium', blanksLost: true, what: 'page.txt with a stray space at some cell boundaries inside digit runs' },
  'w3m-text': { ext: 'txt', needs: 'w3m', what: 'the web page dumped as text by w3m (tables drawn with box-drawing lines)' },
  'lynx-text': { ext: 'txt', needs: 'lynx', what: 'the web page dumped as text by lynx (cells aligned with spaces)' },
  'chromium-mhtml': { ext: 'mhtml', needs: 'chromium', what: 'the web page saved by Chromium as one file (MHTML: quoted-printable HTML in a MIME archive)' },
  'copied-text': {
    ext: 'txt',
    needs: 'chromium',
    what: "the page copied by a person: Chromium's innerText with its whitespace (cells split by tabs, rows by newlines)",
  },
  'cairo-chromium-pdf': { ext: 'pdf', needs: 'pdftotext', what: "Chromium's PDF written again by cairo (pdftocairo -pdf: Linux print dialogs)" },
  'cairo-libreoffice-pdf': { ext: 'pdf', needs: 'pdftotext+soffice', what: "LibreOffice's PDF of our .docx written again by cairo" },
  'libreoffice-pdf-to-docx': {
    ext: 'docx',
    needs: 'soffice+chromium',
    what: "Chromium's PDF opened in LibreOffice Writer (PDF import) and saved as .docx: positioned text boxes, no table (refused)",
  },
  'ghostscript-chromium-pdf': {
    ext: 'pdf',
    needs: 'ghostscript',
    what: "Chromium's PDF written again by Ghostscript's pdfwrite (its CJK fonts get character maps that are partly wrong: refused)",
  },
  'ghostscript-libreoffice-pdf': { ext: 'pdf', needs: 'ghostscript+soffice', what: "LibreOffice's PDF of our .docx written again by Ghostscript's pdfwrite" },
  'ps2pdf-libreoffice-pdf': {
    ext: 'pdf',
    needs: 'ghostscript+soffice',
    // No character of it can be read: the whole file is refused with this code.
    refused: 'input.garbledText',
    what: "LibreOffice's PDF printed to PostScript and distilled by Ghostscript (fonts without character maps: refused)",
  },
  'chromium-pdftotext': { ext: 'txt', needs: 'pdftotext', what: "pdftotext of Chromium's PDF (reading order)" },
  'chromium-pdftotext-layout': { ext: 'txt', needs: 'pdftotext', what: "pdftotext -layout of Chromium's PDF (columns kept by spaces)" },
  'chromium-tight-pdftotext-layout': {
    ext: 'txt',
    needs: 'pdftotext',
    what: "pdftotext -layout of Chromium's PDF of a page with tight cells (no padding, line height 1.2, text top, middle or bottom): a row's numbers may sit a line off its label",
  },
  'chromium-pdftotext-raw': {
    ext: 'txt',
    needs: 'pdftotext',
    what: "pdftotext -raw of Chromium's PDF (content-stream order: a row's label and numbers on one line, the print header inline)",
  },
  'chromium-mutool': { ext: 'txt', needs: 'mutool', what: "MuPDF's text of Chromium's PDF (mutool draw -F txt, as PyMuPDF: a row a block)" },
  'libreoffice-mutool': { ext: 'txt', needs: 'mutool+soffice', what: "MuPDF's text of LibreOffice's PDF of our .docx" },
  'libreoffice-pdftotext': { ext: 'txt', needs: 'pdftotext+soffice', what: "pdftotext of LibreOffice's PDF of our .docx (reading order)" },
  'libreoffice-pdftotext-layout': { ext: 'txt', needs: 'pdftotext+soffice', what: "pdftotext -layout of LibreOffice's PDF of our .docx" },
  'libreoffice-pdftotext-raw': { ext: 'txt', needs: 'pdftotext+soffice', what: "pdftotext -raw of LibreOffice's PDF of our .docx (content-stream order)" },
  'libreoffice-html': { ext: 'html', needs: 'soffice', what: "LibreOffice's HTML export of the web page's .docx (Word-ish HTML: <p> in cells, &nbsp; blanks)" },
  'libreoffice-txt': { ext: 'txt', needs: 'soffice', what: "LibreOffice's plain-text export (txt:Text) of the web page's .docx" },
  'pandoc-plain': { ext: 'txt', needs: 'pandoc', what: 'that .docx converted to plain text by pandoc (-t plain: tables drawn with spaces)' },
};

/** Which shapes this machine can make (soffice is optional: CI installs it). */
export function availableShapes() {
  const chromium = Boolean(findChromium());
  const soffice = Boolean(findSoffice());
  const pdftotext = Boolean(findPdftotext());
  const have = {
    chromium,
    soffice,
    pandoc: soffice && Boolean(findPandoc()),
    'pandoc-html': Boolean(findPandoc()),
    pdftotext: chromium && pdftotext,
    'pdftotext+soffice': soffice && pdftotext,
    ghostscript: chromium && Boolean(findGhostscript()),
    mutool: chromium && Boolean(findMutool()),
    'soffice+chromium': soffice && chromium,
    w3m: Boolean(onPath('w3m')),
    lynx: Boolean(onPath('lynx')),
    'mutool+soffice': soffice && Boolean(findMutool()) && pdftotext,
    'ghostscript+soffice': soffice && Boolean(findGhostscript()) && pdftotext,
  };
  return Object.keys(SHAPES).filter((s) => have[SHAPES[s].needs]);
}

/**
 * Cases for seeds × blank modes: `{ name, seed, mode, report }`, the report drawn by the renderer
 * (`randomReport`), blanks included: a blank cell is `null`, which is what the document states.
 */
export function producerCases(seeds, modes = Object.keys(BLANK_MODES)) {
  const out = [];
  for (const seed of seeds) {
    for (const mode of modes) out.push({ name: `${String(seed).padStart(4, '0')}-${mode}`, seed, mode, report: randomReport(seed, BLANK_MODES[mode].options) });
  }
  return out;
}

const STRAY_SPACES = 0.12;
const SOFFICE_BATCH = 40;

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

/**
 * Every case in every requested shape, made by the real producers: Chromium once for all its
 * shapes, LibreOffice in a few batched runs, the two side by side. A case may fix the page's
 * `style` (see govPageHtml) and whether the browser prints its `headerFooter`.
 * Returns `[{ shape, case, ext, input: Uint8Array, truth }]`.
 */
export async function produceShapes(cases, shapes, { onProgress } = {}) {
  const want = new Set(shapes);
  const html = cases.map((c) => govPageHtml(c.report, { seed: c.seed, style: c.style }));
  const results = [];
  const add = (shape, i, input) => {
    results.push({ shape, case: cases[i].name, ext: SHAPES[shape].ext, input, truth: cases[i].report });
    onProgress?.(shape, cases[i].name);
  };
  const enc = (s) => new TextEncoder().encode(s);
  // Chromium's PDFs that LibreOffice opens afterwards (PDF import), by case.
  const printed = [];
  const browserWork = async () => {
    const pdfShapes = [
      'libreoffice-pdf-to-docx',
      'chromium-pdf',
      'chromium-pdftotext',
      'chromium-pdftotext-layout',
      'chromium-pdftotext-raw',
      'chromium-tight-pdftotext-layout',
      'chromium-mutool',
      'cairo-chromium-pdf',
      'ghostscript-chromium-pdf',
    ];
    const textShapes = ['page-text', 'page-text-spaced', 'copied-text', 'chromium-mhtml'];
    if (![...pdfShapes, ...textShapes].some((s) => want.has(s))) return;
    const c = await openChromium();
    try {
      for (let i = 0; i < cases.length; i++) {
        // Most people print with the browser's date/title header and URL footer; some turn them off.
        if (pdfShapes.some((s) => want.has(s))) {
          const pdf = await c.printToPdf(html[i], { headerFooter: cases[i].headerFooter ?? cases[i].seed % 3 !== 0 });
          if (want.has('chromium-pdf')) add('chromium-pdf', i, pdf);
          if (want.has('libreoffice-pdf-to-docx')) printed.push({ i, name: `${i}.pdf`, data: pdf });
          if (want.has('chromium-pdftotext')) add('chromium-pdftotext', i, await pdfToText(pdf));
          if (want.has('chromium-pdftotext-layout')) add('chromium-pdftotext-layout', i, await pdfToText(pdf, { layout: true }));
          if (want.has('chromium-pdftotext-raw')) add('chromium-pdftotext-raw', i, await pdfToText(pdf, { raw: true }));
          if (want.has('chromium-mutool')) add('chromium-mutool', i, await mupdfText(pdf));
          if (want.has('cairo-chromium-pdf')) add('cairo-chromium-pdf', i, await rewritePdf(pdf, 'cairo'));
          if (want.has('ghostscript-chromium-pdf')) add('ghostscript-chromium-pdf', i, await rewritePdf(pdf, 'ghostscript'));
        }
        if (want.has('chromium-tight-pdftotext-layout')) {
          const tight = govPageHtml(cases[i].report, { seed: cases[i].seed, style: cases[i].style, tight: true });
          add('chromium-tight-pdftotext-layout', i, await pdfToText(await c.printToPdf(tight), { layout: true }));
        }
        if (textShapes.some((s) => want.has(s))) {
          const text = await c.visibleText(html[i]);
          if (want.has('page-text')) add('page-text', i, enc(crawlText(text)));
          if (want.has('page-text-spaced')) add('page-text-spaced', i, enc(crawlText(text, { spaced: STRAY_SPACES, seed: cases[i].seed })));
          if (want.has('copied-text')) add('copied-text', i, enc(text));
          if (want.has('chromium-mhtml')) add('chromium-mhtml', i, await c.mhtml(html[i]));
        }
      }
    } finally {
      await c.close();
    }
  };
  const officeWork = async () => {
    const fromWordDocx = ['libreoffice-docx', 'libreoffice-word-pdf', 'pandoc-markdown', 'pandoc-plain', 'libreoffice-html', 'libreoffice-txt'];
    const fromOurPdf = [
      'libreoffice-pdf',
      'libreoffice-pdftotext',
      'libreoffice-pdftotext-layout',
      'libreoffice-pdftotext-raw',
      'libreoffice-mutool',
      'cairo-libreoffice-pdf',
      'ghostscript-libreoffice-pdf',
      'ps2pdf-libreoffice-pdf',
    ];
    const fromHtml = fromWordDocx.some((s) => want.has(s));
    // Word 97–2003 .doc: our .docx and the web page, each saved as .doc; the page also straight to PDF.
    for (const [shape, input] of [
      ['libreoffice-doc', (c, i) => ({ name: `${i}.docx`, data: renderReport(c.report, 'docx') })],
      ['libreoffice-html-doc', (_c, i) => ({ name: `${i}.html`, data: html[i] })],
      ['libreoffice-html-pdf', (_c, i) => ({ name: `${i}.html`, data: html[i] })],
    ]) {
      if (!want.has(shape)) continue;
      const out = await inBatches(cases.map(input), SOFFICE_BATCH, (b) => sofficeConvert(b, SHAPES[shape].ext));
      for (const [i, d] of out.entries()) add(shape, i, d);
    }
    if (!fromHtml && !fromOurPdf.some((s) => want.has(s))) return;
    const wordDocx = fromHtml
      ? await inBatches(
          html.map((h, i) => ({ name: `${i}.html`, data: h })),
          SOFFICE_BATCH,
          (b) => sofficeConvert(b, 'docx'),
        )
      : [];
    if (want.has('libreoffice-docx')) for (const [i, d] of wordDocx.entries()) add('libreoffice-docx', i, d);
    if (want.has('pandoc-markdown')) for (const [i, md] of (await pandocMarkdown(wordDocx)).entries()) add('pandoc-markdown', i, md);
    if (want.has('pandoc-plain')) for (const [i, t] of (await pandocPlain(wordDocx)).entries()) add('pandoc-plain', i, t);
    // The .docx exported again by LibreOffice: as HTML and as plain text.
    for (const [shape, target] of [
      ['libreoffice-html', 'html'],
      ['libreoffice-txt', 'txt'],
    ]) {
      if (!want.has(shape)) continue;
      const out = await inBatches(
        wordDocx.map((d, i) => ({ name: `${i}.docx`, data: d })),
        SOFFICE_BATCH,
        (b) => sofficeConvert(b, target),
      );
      for (const [i, d] of out.entries()) add(shape, i, d);
    }
    // Both PDF shapes start from a .docx: one soffice run per batch for the two.
    const toPdf = [];
    if (fromOurPdf.some((s) => want.has(s)))
      for (const [i, c] of cases.entries()) toPdf.push({ shape: 'libreoffice-pdf', i, name: `${i}.docx`, data: renderReport(c.report, 'docx') });
    if (want.has('libreoffice-word-pdf')) for (const [i, d] of wordDocx.entries()) toPdf.push({ shape: 'libreoffice-word-pdf', i, name: `${i}.docx`, data: d });
    const pdfs = await inBatches(toPdf, SOFFICE_BATCH, (b) => sofficeConvert(b, 'pdf'));
    for (const [k, t] of toPdf.entries()) {
      if (t.shape !== 'libreoffice-pdf' || want.has('libreoffice-pdf')) add(t.shape, t.i, pdfs[k]);
      if (t.shape !== 'libreoffice-pdf') continue;
      if (want.has('libreoffice-pdftotext')) add('libreoffice-pdftotext', t.i, await pdfToText(pdfs[k]));
      if (want.has('libreoffice-pdftotext-layout')) add('libreoffice-pdftotext-layout', t.i, await pdfToText(pdfs[k], { layout: true }));
      if (want.has('libreoffice-pdftotext-raw')) add('libreoffice-pdftotext-raw', t.i, await pdfToText(pdfs[k], { raw: true }));
      if (want.has('libreoffice-mutool')) add('libreoffice-mutool', t.i, await mupdfText(pdfs[k]));
      for (const via of ['cairo', 'ghostscript', 'ps2pdf'])
        if (want.has(`${via}-libreoffice-pdf`)) add(`${via}-libreoffice-pdf`, t.i, await rewritePdf(pdfs[k], via));
    }
  };
  const textBrowsers = async () => {
    for (const tool of ['w3m', 'lynx'])
      if (want.has(`${tool}-text`)) for (let i = 0; i < cases.length; i++) add(`${tool}-text`, i, await textBrowserDump(html[i], tool));
  };
  const converters = async () => {
    for (const [shape, to] of [
      ['pandoc-html-gfm', 'gfm'],
      ['pandoc-html-markdown', 'markdown'],
    ])
      if (want.has(shape)) for (const [i, md] of (await pandocFromHtml(html, to)).entries()) add(shape, i, md);
  };
  await Promise.all([browserWork(), officeWork(), textBrowsers(), converters()]);
  const imported = await inBatches(printed, SOFFICE_BATCH, (b) => sofficeConvert(b, 'docx'));
  for (const [k, p] of printed.entries()) add('libreoffice-pdf-to-docx', p.i, imported[k]);
  const order = Object.keys(SHAPES);
  return results.sort((a, b) => order.indexOf(a.shape) - order.indexOf(b.shape) || a.case.localeCompare(b.case));
}
