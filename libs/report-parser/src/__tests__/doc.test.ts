// Word 97–2003 .doc made by LibreOffice (the goldens word97-*), then broken on purpose: a reader of
// a binary container must refuse every broken or hostile variant with a coded one-line reason, and
// never hang, loop or throw anything else.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomReport, renderReport } from '@gongkai/report-render';
import { describe, expect, it } from 'vitest';
import { extract, parseReport, UnreadableInputError } from '../index.js';

const fixtures = join(import.meta.dirname, '../../fixtures');
const real = async () => new Uint8Array(await readFile(join(fixtures, 'word97-libreoffice-doc-blanks-2023/input.doc')));

async function refusal(bytes: Uint8Array, name = 'report.doc') {
  try {
    await parseReport(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableInputError);
    expect((e as UnreadableInputError).message).not.toMatch(/\n/);
    return e as UnreadableInputError;
  }
  throw new Error(`${name} was accepted`);
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const setU32 = (b: Uint8Array, at: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);

/** Byte offset of a directory entry, found by its UTF-16 name (entries are 128-byte records after the 512-byte header). */
function entryAt(b: Uint8Array, name: string): number {
  const want = Uint8Array.from([...name].flatMap((c) => [c.charCodeAt(0), 0]));
  for (let o = 512; o + 128 <= b.length; o += 128) if (want.every((x, i) => b[o + i] === x) && b[o + want.length] === 0) return o;
  throw new Error(`no entry ${name}`);
}

/** Where the WordDocument stream's first sector lies (it is larger than the mini stream cutoff). */
function wordDocumentStart(b: Uint8Array): number {
  return 512 + u32(b, entryAt(b, 'WordDocument') + 0x74) * 512;
}

describe('Word 97–2003 .doc', () => {
  it('reads the tables with blank cells as blank, by content whatever the name', async () => {
    const bytes = await real();
    for (const name of ['report.doc', 'report.wps', 'report.bin']) {
      const r = await parseReport(bytes, name);
      expect(r.source.format).toBe('doc');
      expect(r.findings.filter((f) => f.rule.startsWith('parse.'))).toEqual([]);
    }
    const doc = await extract(bytes, 'report.doc');
    // A row of table 三 keeps its blank cells where they stand: 法人 columns are blank in this report.
    const row = doc.rows.find((r) => r.cells[0]?.text.startsWith('一、本年新收'));
    expect(row?.cells.map((c) => c.text)).toHaveLength(8);
    expect(row?.cells.slice(2, 7).every((c) => c.text === '')).toBe(true);
    expect(row?.cells.every((c) => c.prov.table !== undefined && c.prov.row !== undefined && c.prov.col !== undefined)).toBe(true);
  });

  it('a web page or a .docx that a portal names .doc is read as what it is', async () => {
    const report = randomReport(31, { year: 2022, version: '2021', scale: 5 });
    for (const [format, as] of [
      ['html', 'html'],
      ['docx', 'docx'],
    ] as const) {
      const r = await parseReport(renderReport(report, format), '导出.doc');
      expect(r.source.format).toBe(as);
      expect(r.applications).toEqual(report.applications);
    }
  });

  it('cut short, at any length', async () => {
    const bytes = await real();
    for (const n of [100, 511, 600, 4096, bytes.length / 2, bytes.length - 600]) {
      const e = await refusal(bytes.slice(0, Math.floor(n)));
      expect(['input.brokenDoc', 'input.binary']).toContain(e.code);
    }
  });

  it('a sector chain that loops back on itself', async () => {
    const bytes = await real();
    const fatSector = u32(bytes, 0x4c);
    const dirSector = u32(bytes, 0x30);
    setU32(bytes, 512 + fatSector * 512 + dirSector * 4, dirSector);
    expect((await refusal(bytes)).code).toBe('input.brokenDoc');
  });

  it('a stream that claims to be larger than the file', async () => {
    const bytes = await real();
    setU32(bytes, entryAt(bytes, 'WordDocument') + 0x78, 0x7fffffff);
    expect((await refusal(bytes)).message).toMatch(/larger than the file/);
  });

  it('a password-protected document says so', async () => {
    const bytes = await real();
    const fib = wordDocumentStart(bytes);
    bytes[fib + 0x0b] = (bytes[fib + 0x0b] as number) | 0x01; // fEncrypted
    const e = await refusal(bytes);
    expect(e.code).toBe('input.brokenDoc');
    expect(e.message).toMatch(/密码/);
  });

  it('Word 6/95 files are named as too old', async () => {
    const bytes = await real();
    const fib = wordDocumentStart(bytes);
    setU32(bytes, fib, 0x0065a5dc);
    expect((await refusal(bytes)).message).toMatch(/Word 95/);
  });

  it('an Excel workbook or other Office file is not a report', async () => {
    const bytes = await real();
    const at = entryAt(bytes, 'WordDocument');
    bytes.set(Uint8Array.from([...'Workbook\0\0\0\0\0'].flatMap((c) => [c.charCodeAt(0), 0])), at);
    bytes[at + 0x40] = 18; // the name's length in bytes, with its terminator
    const e = await refusal(bytes, 'report.xls');
    expect(e.code).toBe('input.binary');
    expect(e.message).toMatch(/Excel/);
  });

  it('a document stream cut shorter than its text and paragraph pages', async () => {
    const bytes = await real();
    setU32(bytes, entryAt(bytes, 'WordDocument') + 0x78, 4096);
    const e = await refusal(bytes);
    expect(e.code).toBe('input.brokenDoc');
    expect(e.message).toMatch(/past the end/);
  });

  it('random damage never escapes as anything but a coded refusal or a report', async () => {
    const good = await real();
    let x = 12345;
    const next = () => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x;
    };
    let refused = 0;
    for (let round = 0; round < 150; round++) {
      const bytes = good.slice();
      // Damage the first 8 KB (header, sector table, directory, the document's FIB) where it hurts most.
      for (let k = 0; k < 1 + (round % 8); k++) bytes[next() % 8192] = next() & 0xff;
      try {
        const r = await parseReport(bytes, 'report.doc');
        expect(r.source.format).toBe('doc');
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableInputError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
