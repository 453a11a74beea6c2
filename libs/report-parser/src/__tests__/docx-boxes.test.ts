// Text boxes in .docx: Word and LibreOffice write each one twice (a DrawingML shape and a VML
// fallback for old readers), and a PDF converted to Word by LibreOffice is nothing but boxes.
import { randomReport, renderReport } from '@gongkai/report-render';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extract, parseReport } from '../index.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const box = (text: string) =>
  `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
  `<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
const docx = (body: string) => zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`) });

describe('.docx text boxes', () => {
  it('a box is read once, not once more from its fallback', async () => {
    const doc = await extract(docx(`${box('淮源镇人民政府2023年政府信息公开工作年度报告')}<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>`), 'r.docx');
    expect(doc.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['淮源镇人民政府2023年政府信息公开工作年度报告'], ['一、总体情况']]);
  });

  it('a report with a text box beside its tables reads as without it', async () => {
    const report = randomReport(12, { year: 2023, version: '2021', scale: 5 });
    const files = unzipSync(renderReport(report, 'docx'));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array).replace('<w:body>', `<w:body>${box('（此件公开发布）')}`);
    const r = await parseReport(zipSync({ ...files, 'word/document.xml': strToU8(xml) }), 'r.docx');
    expect(r.applications).toEqual(report.applications);
    expect(r.findings.filter((f) => f.rule.startsWith('parse.'))).toEqual([]);
  });

  it('a page converted from PDF into positioned boxes, with no table, places no number', async () => {
    const report = randomReport(13, { year: 2023, version: '2021', scale: 5 });
    // The text of the rendered report, one box a line, as LibreOffice's PDF import writes it.
    const lines = new TextDecoder()
      .decode(renderReport(report, 'text-cells'))
      .split('\n')
      .filter((l) => l.trim());
    const r = await parseReport(docx(lines.map(box).join('')), 'converted.docx');
    const refused = r.findings.find((f) => f.rule === 'parse.tableOrderLost');
    expect(refused?.message).toMatch(/文本框/);
    expect(r.applications.newReceived.total).toBeNull();
  });
});
