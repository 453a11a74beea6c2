#!/usr/bin/env node
// Golden fixture inputs made by real producers (Chromium, LibreOffice), each with truth.json: the
// canonical report it was made from (a blank printed cell is null). expected.json is not written
// here: `npm run fixtures:update` makes it from the parser, and test/producers.test.ts checks the
// parse against truth.json. Re-make: npm run build && node scripts/producer-fixtures.mjs [name …]
// (names: only those fixtures; none: all).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomReport } from '@gongkai/report-render';
import { mupdfText, pdfToText, produceShapes, scannedWithOcr, sofficeConvert } from '../test/support/producers.mjs';

const root = new URL('../libs/report-parser/fixtures/', import.meta.url).pathname;
const FIXTURES = [
  // A county page printed from the browser, headers and footers off: 法人 columns and 30 % of zeros blank.
  {
    name: 'chromium-print-blanks-2024',
    shape: 'chromium-pdf',
    seed: 2024,
    options: { year: 2024, version: '2021', scale: 20, blankRate: 0.3, blankLegalColumns: true },
    style: { font: 'sans', bold: false, size: 13 },
    headerFooter: false,
  },
  // A Word-style .docx exported by LibreOffice: 60 % of zeros and every 总计 cell blank.
  {
    name: 'libreoffice-pdf-blanks-2022',
    shape: 'libreoffice-pdf',
    seed: 2022,
    options: { year: 2022, version: '2021', scale: 20, blankRate: 0.6, blankTotals: true },
  },
  // An archive crawl's page.txt: the whole page on one line.
  { name: 'pagetext-crawl-2023', shape: 'page-text', seed: 2023, options: { year: 2023, version: '2021', scale: 20 } },
  // A web page (2019 trial layout) opened in LibreOffice Writer and saved as Word .docx.
  { name: 'word-libreoffice-docx-2021', shape: 'libreoffice-docx', seed: 2021, options: { year: 2021, version: '2019', scale: 20, blankRate: 0.3 } },
  // A Word-style .docx saved by LibreOffice as Word 97–2003 .doc: 法人 columns and 30 % of zeros blank.
  {
    name: 'word97-libreoffice-doc-blanks-2023',
    shape: 'libreoffice-doc',
    seed: 2323,
    options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3, blankLegalColumns: true },
  },
  // A web page (2019 trial layout) opened in LibreOffice Writer and saved as .doc, every 总计 cell blank.
  {
    name: 'word97-libreoffice-html-doc-2020',
    shape: 'libreoffice-html-doc',
    seed: 2020,
    options: { year: 2020, version: '2019', scale: 20, blankRate: 0.3, blankTotals: true },
  },
  // LibreOffice's PDF written again by cairo (Linux print dialogs): digits beside CJK sit a fraction of a point off the line.
  { name: 'cairo-libreoffice-pdf-2023', shape: 'cairo-libreoffice-pdf', seed: 1, options: { year: 2023, version: '2021', scale: 20 } },
  // Chromium's PDF written again by Ghostscript: its CJK fonts map some glyphs to wrong characters (、 → 1): refused.
  { name: 'ghostscript-chromium-garbled-2023', shape: 'ghostscript-chromium-pdf', seed: 2313, options: { year: 2023, version: '2021', scale: 20 } },
  // Printed to PostScript and distilled again: no character maps at all, the file is refused.
  { name: 'ps2pdf-no-character-map-2023', shape: 'ps2pdf-libreoffice-pdf', seed: 2314, options: { year: 2023, version: '2021', scale: 20 } },
  // The web page saved by Chromium as one file (MHTML), 30 % of zeros blank.
  { name: 'chromium-mhtml-blanks-2023', shape: 'chromium-mhtml', seed: 2331, options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3 } },
  // The web page dumped as text by w3m: tables drawn with box-drawing lines, 30 % of zeros blank.
  { name: 'w3m-dump-blanks-2023', shape: 'w3m-text', seed: 2332, options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3 } },
  // The web page converted to GitHub markdown by pandoc: raw <div> wrappers, empty label columns, 30 % blanks.
  { name: 'pandoc-html-gfm-blanks-2022', shape: 'pandoc-html-gfm', seed: 2232, options: { year: 2022, version: '2021', scale: 20, blankRate: 0.3 } },
  // The web page opened in LibreOffice Writer and exported straight to PDF: label and number in one run.
  { name: 'libreoffice-html-pdf-2023', shape: 'libreoffice-html-pdf', seed: 2, options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3 } },
  // The web page's .docx exported as text by LibreOffice (one cell a line, an empty line for an empty cell, no row ends).
  {
    name: 'libreoffice-txt-blanks-2022',
    shape: 'libreoffice-txt',
    seed: 2202,
    options: { year: 2022, version: '2021', scale: 20, blankRate: 0.3 },
  },
  // The browser's PDF as pdftotext writes it without -layout: reading order, tables unplaceable (refused).
  { name: 'pdftotext-chromium-2023', shape: 'chromium-pdftotext', seed: 2302, options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3 } },
  // LibreOffice's PDF as pdftotext -layout writes it, 60 % of zeros blank: columns kept by spaces, re-spaced block by block.
  { name: 'pdftotext-layout-libreoffice-blanks-2019', shape: 'libreoffice-pdftotext-layout', seed: 4, options: { blankRate: 0.6 } },
  // pandoc -t plain of the web page's .docx: a table ruled with dashes, 法人 columns and 30 % of zeros blank.
  {
    name: 'pandoc-plain-blanks-2023',
    shape: 'pandoc-plain',
    seed: 2303,
    options: { year: 2023, version: '2021', scale: 20, blankRate: 0.3, blankLegalColumns: true },
  },
];

// The real 洪泽区 reports (PDFs made by WPS) as poppler's pdftotext writes them: their page numbers
// (`-3-`) stand between table rows. The truth is what the PDF's own golden reads.
const FROM_REAL_PDFS = [
  { name: 'hongze-district-2024-pdftotext-layout', from: 'hongze-district-2024', options: { layout: true } },
  { name: 'hongze-district-2023-pdftotext-raw', from: 'hongze-district-2023', options: { raw: true } },
  // MuPDF (PyMuPDF's get_text): a row a block, form feeds between pages.
  { name: 'hongze-district-2024-mutool', from: 'hongze-district-2024', tool: 'mutool' },
  // Opened in LibreOffice Writer (PDF import) and saved as .docx: every line a positioned text box.
  { name: 'hongze-district-2024-pdf-to-docx', from: 'hongze-district-2024', tool: 'soffice' },
  // Printed, scanned and made searchable by OCR (Tesseract): table rules read as '|', digits unsure.
  { name: 'hongze-district-2024-ocr', from: 'hongze-district-2024', tool: 'tesseract' },
  // That scan's text as pdftotext -layout writes it: OCR's misreads without its rules' places.
  { name: 'hongze-district-2024-ocr-pdftotext-layout', from: 'hongze-district-2024-ocr', truthFrom: 'hongze-district-2024', options: { layout: true } },
];

const only = process.argv.slice(2);
for (const f of FROM_REAL_PDFS.filter((x) => only.length === 0 || only.includes(x.name))) {
  const source = join(root, f.from);
  const truthOf = join(root, f.truthFrom ?? f.from, 'expected.json');
  const { templateVersion, organ, year, proactive, applications, reviews } = JSON.parse(readFileSync(truthOf, 'utf8'));
  const pdf = readFileSync(join(source, 'input.pdf'));
  const made =
    f.tool === 'mutool'
      ? await mupdfText(pdf)
      : f.tool === 'soffice'
        ? (await sofficeConvert([{ name: 'in.pdf', data: pdf }], 'docx'))[0]
        : f.tool === 'tesseract'
          ? await scannedWithOcr(pdf)
          : await pdfToText(pdf, f.options);
  const ext = { soffice: 'docx', tesseract: 'pdf' }[f.tool] ?? 'txt';
  const dir = join(root, f.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `input.${ext}`), made);
  writeFileSync(join(dir, 'truth.json'), `${JSON.stringify({ templateVersion, organ, year, proactive, applications, reviews }, null, 2)}\n`);
  console.log(`${f.name}/input.${ext}: ${(made.length / 1024).toFixed(0)} KB (${f.tool ?? `pdftotext ${Object.keys(f.options).join(' ')}`} of ${f.from})`);
}
for (const f of FIXTURES.filter((x) => only.length === 0 || only.includes(x.name))) {
  const report = randomReport(f.seed, f.options);
  const [made] = await produceShapes([{ name: f.name, seed: f.seed, report, style: f.style, headerFooter: f.headerFooter }], [f.shape]);
  const dir = join(root, f.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `input.${made.ext}`), made.input);
  writeFileSync(join(dir, 'truth.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`${f.name}/input.${made.ext}: ${(made.input.length / 1024).toFixed(0)} KB (${f.shape})`);
}
