import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lyingDocx, zeroBomb } from '../../../../test/support/zip-bomb.js';
import { parseReport, UnreadableInputError } from '../index.js';

describe('a .docx that lies about its size', () => {
  it('the hand-made DEFLATE stream is what it says (checked small)', () => {
    const small = inflateSync(zeroBomb(10));
    expect(small.length).toBe(10 * 258 + 1);
    expect(small.every((b) => b === 0)).toBe(true);
  });

  it('claims 100 bytes for document.xml, expands past 1 GiB: refused, coded, without inflating it all', async () => {
    const repeats = Math.ceil((1.1 * 1024 ** 3) / 258);
    const zip = lyingDocx(zeroBomb(repeats), 100);
    expect(zip.length).toBeLessThan(8 * 1024 * 1024);
    const started = performance.now();
    const error = await parseReport(zip, 'bomb.docx').catch((e) => e);
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(UnreadableInputError);
    expect((error as UnreadableInputError).code).toBe('input.brokenDocx');
    expect((error as Error).message).toMatch(/压缩炸弹/);
    // Inflating the whole GiB takes several seconds here; stopping at the 64 MB cap, a fraction.
    console.log(`lying zip bomb refused in ${ms.toFixed(0)} ms`);
  });

  it('a zip whose entry runs past the end of the file is broken, not read', async () => {
    const zip = lyingDocx(zeroBomb(100), 100);
    const cut = zip.slice();
    // The central directory's compressed size for document.xml, now past the end of the file.
    new DataView(cut.buffer).setUint32(zip.length - 22 - 46 - 17 + 20, 10 * 1024 * 1024, true);
    const error = await parseReport(cut, 'cut.docx').catch((e) => e);
    expect((error as UnreadableInputError).code).toBe('input.brokenDocx');
  });
});
