import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomReport, renderReport } from '@gongkai/report-render';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseReport, UnreadableInputError } from '../index.js';

const samples = join(import.meta.dirname, '../../fixtures');
const seed = () => readFile(join(samples, 'huaiyuan-town-2023/input.txt'));

async function refusal(bytes: Uint8Array, name: string) {
  try {
    await parseReport(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableInputError);
    const err = e as UnreadableInputError;
    expect(err.message).not.toMatch(/\n/);
    return err.code;
  }
  throw new Error(`${name} was accepted`);
}

/** The smallest PDF a scanner makes: one page drawing one 2×2 grey image, no text. */
function imageOnlyPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    '<< /Length 34 >>\nstream\nq 500 0 0 700 40 60 cm /Im1 Do Q\nendstream',
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x40\x80\x80\x40\nendstream',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(pdf, (c) => c.charCodeAt(0));
}

function lcg(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('unreadable input gets a coded one-line reason', () => {
  it('empty and whitespace-only files', async () => {
    expect(await refusal(new Uint8Array(), 'a.txt')).toBe('input.empty');
    expect(await refusal(strToU8(' \n\t\r\n  '), 'a.txt')).toBe('input.empty');
  });

  it('random binary, with and without a misleading name', async () => {
    expect(await refusal(lcg(64 * 1024), 'junk.bin')).toBe('input.binary');
    expect(await refusal(lcg(64 * 1024, 3), 'report.html')).toBe('input.binary');
  });

  it('an Office (OLE) header on junk is a broken .doc', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...lcg(2048)]);
    expect(await refusal(ole, 'report.doc')).toBe('input.brokenDoc');
  });

  it('a truncated PDF, a PDF header on junk, and a .pdf that is not one', async () => {
    const pdf = await readFile(join(samples, 'hongze-district-2023/input.pdf'));
    expect(await refusal(new Uint8Array(pdf.subarray(0, 20_000)), 'cut.pdf')).toBe('input.brokenPdf');
    expect(await refusal(new Uint8Array([...strToU8('%PDF-1.7\n'), ...lcg(5000)]), 'junk.pdf')).toBe('input.brokenPdf');
    expect(await refusal(strToU8('hello'), 'fake.pdf')).toBe('input.brokenPdf');
  });

  it('a broken .docx, a zip without a document, and a zip bomb', async () => {
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...lcg(3000)]), 'broken.docx')).toBe('input.brokenDocx');
    expect(await refusal(zipSync({ 'hello.txt': strToU8('hi') }), 'other.docx')).toBe('input.brokenDocx');
    // 70 MB of XML that compresses to a few hundred kB: refused before it is inflated.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(70 * 1024 * 1024).fill(0x20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb, 'bomb.docx')).toBe('input.brokenDocx');
  });

  it('a web page that is not a report', async () => {
    const page = '<html><head><title>首页</title></head><body><table><tr><td>访问量</td><td>1209381</td></tr></table><p>欢迎访问</p></body></html>';
    expect(await refusal(strToU8(page), 'index.html')).toBe('input.notReport');
  });

  it('a report whose tables are pictures', async () => {
    const page =
      '<html><body><h1>城郊乡人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>略</p><p>二、主动公开政府信息情况</p><img src="t2.png"><p>三、收到和处理政府信息公开申请情况</p><img src="t3.png"></body></html>';
    expect(await refusal(strToU8(page), 'r.html')).toBe('input.imagesOnly');
  });

  it('a scanned PDF (one picture per page, no text at all) is called what it is, not "not a report"', async () => {
    expect(await refusal(imageOnlyPdf(), 'scan.pdf')).toBe('input.imagesOnly');
  });

  it('a 50 MB text file is refused at once, by size', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const started = performance.now();
    expect(await refusal(big, 'big.txt')).toBe('input.tooLarge');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('10 MB of junk text (under the size limit) is read through and refused as no report', async () => {
    const line = '这是一段与报告无关的文字 lorem ipsum 12345 ｜ ＡＢＣ\t0\t/\n';
    const junk = strToU8(line.repeat(Math.ceil((10 * 1024 * 1024) / strToU8(line).length)));
    expect(await refusal(junk, 'junk.txt')).toBe('input.notReport');
  });

  it('one 8 MB line of digits does not blow up the glued-digit search', async () => {
    const text = `${'淮源镇人民政府2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n'}一、本年新收政府信息公开申请数量${'1'.repeat(8 * 1024 * 1024)}\n`;
    const r = await parseReport(strToU8(text), 'long.txt');
    expect(r.applications.newReceived).toMatchObject({ naturalPerson: null, total: null });
    expect(r.findings.some((f) => f.rule === 'parse.ambiguous' || f.rule === 'parse.cellCount')).toBe(true);
  });

  it('a 15 MB page-text line of table labels over and over is read through, not cut into a million rows', async () => {
    const unit = '一、本年新收政府信息公开申请数量950000095二、上年结转政府信息公开申请数量0000000（一）予以公开500000050';
    const text = `淮源镇人民政府2023年政府信息公开工作年度报告${unit.repeat(Math.floor((15 * 1024 * 1024) / strToU8(unit).length))}`;
    const r = await parseReport(strToU8(text), 'page.txt');
    // Read once, like any glued line: the first of each repeated label, and the rest reported missing.
    expect(r.applications.newReceived.total).toBe(95);
    expect(r.findings.some((f) => f.rule === 'parse.rowMissing')).toBe(true);
  });

  it('200,000 nested elements', async () => {
    const html = `<html><body>${'<div>'.repeat(200_000)}hello${'</div>'.repeat(200_000)}</body></html>`;
    expect(await refusal(strToU8(html), 'deep.html')).toBe('input.notReport');
  });

  it('a <sup> of a million spaces in a cell is read through, not backtracked over (footnote marks)', async () => {
    const d = randomReport(12);
    const html = new TextDecoder().decode(renderReport(d, 'html')).replace('<td>', `<td>1<sup>${' '.repeat(1_000_000)}x</sup>`);
    const r = await parseReport(strToU8(html), 'sup.html');
    expect(r.year).toBe(d.year);
  });

  it('hostile spans are clamped, not allocated', async () => {
    const d = randomReport(11);
    const html = new TextDecoder().decode(renderReport(d, 'html')).replace('<td>', '<td rowspan="999999999" colspan="999999999">');
    const r = await parseReport(strToU8(html), 'spans.html');
    expect(r.year).toBe(d.year);
  });
});

describe('encodings and look-alike characters', () => {
  it('GBK, GB18030 and UTF-16 copies of the seed sample read the same', async () => {
    const text = (await seed()).toString('utf8');
    const utf8 = await parseReport(strToU8(text), 'a.txt');
    const { default: iconv } = await import('iconv-lite');
    for (const enc of ['gbk', 'gb18030'] as const) {
      const r = await parseReport(new Uint8Array(iconv.encode(text, enc)), 'a.txt');
      expect(r.organ).toBe('淮源镇人民政府');
      expect(r.applications).toEqual(utf8.applications);
      expect(r.text).toEqual(utf8.text);
    }
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect((await parseReport(utf16, 'a.txt')).applications).toEqual(utf8.applications);
  });

  it('HTML that declares UTF-8 but is GBK is still read', async () => {
    const { default: iconv } = await import('iconv-lite');
    const d = randomReport(5);
    const html = new TextDecoder().decode(renderReport(d, 'html'));
    const r = await parseReport(new Uint8Array(iconv.encode(html, 'gbk')), 'r.html');
    expect(r.applications).toEqual(d.applications);
  });

  it('full-width digits, Kangxi radicals and odd spaces in labels and cells', async () => {
    const d = randomReport(21, { version: '2021' });
    let text = new TextDecoder().decode(renderReport(d, 'text-pipes'));
    text = text
      .replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))
      .replace(/二、/g, '⼆、')
      .replace(/行政/g, '⾏\u00ad政')
      .replace(/ \| /g, '\u3000|\u00a0');
    const r = await parseReport(strToU8(text), 'r.txt');
    expect(r.year).toBe(d.year);
    expect(r.applications).toEqual(d.applications);
    expect(r.reviews).toEqual(d.reviews);
  });
});

describe('canonical JSON', () => {
  it('round-trips the output of gongkai parse --json, numbers and text', async () => {
    const { randomReport } = await import('@gongkai/report-render');
    const d = randomReport(77, { blankRate: 0.2 });
    const once = await parseReport(strToU8(JSON.stringify(d)), 'r.json');
    expect(once.source.format).toBe('json');
    expect({ p: once.proactive, a: once.applications, r: once.reviews, t: once.text, y: once.year, o: once.organ }).toEqual({
      p: d.proactive,
      a: d.applications,
      r: d.reviews,
      t: d.text,
      y: d.year,
      o: d.organ,
    });
    const twice = await parseReport(strToU8(JSON.stringify(once)), 'again.json');
    expect(twice.applications).toEqual(once.applications);
  });

  it('refuses non-numbers cell by cell, never coercing them', async () => {
    const { randomReport } = await import('@gongkai/report-render');
    const d = randomReport(3, { version: '2021' }) as unknown as { applications: { granted: Record<string, unknown> } };
    d.applications.granted.naturalPerson = '12';
    d.applications.granted.total = { $gt: 1 };
    const r = await parseReport(strToU8(JSON.stringify(d)), 'r.json');
    expect(r.applications).toMatchObject({ granted: { naturalPerson: null, total: null } });
    expect(r.findings.find((f) => f.rule === 'parse.unreadableCell')?.cells).toEqual(['applications.granted.naturalPerson', 'applications.granted.total']);
  });

  it('broken, foreign and deeply nested JSON is refused with a reason', async () => {
    expect(await refusal(strToU8('{"templateVersion": "2021", '), 'x.json')).toBe('input.notReport');
    expect(await refusal(strToU8('{"templateVersion": "1999"}'), 'x.json')).toBe('input.notReport');
    expect(await refusal(strToU8(`{"templateVersion":"2021","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), 'x.json')).toBe('input.notReport');
    expect(await refusal(strToU8('{"name": "not a report", "items": [1, 2, 3]}'), 'x.json')).toBe('input.notReport');
  });
});
