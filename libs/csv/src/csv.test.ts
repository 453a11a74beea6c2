import { describe, expect, it } from 'vitest';
import { csvField, csvLine, defuseFormula, parseCsv, toCsv } from './index.js';

describe('writing', () => {
  it('round-trips quotes, commas, newlines and Chinese text', () => {
    const rows = [['淮源镇', 'a,b', 'say "hi"', 'two\nlines', 3, null, true]];
    const text = toCsv(['unit', 'x', 'y', 'z', 'n', 'none', 'flag'], rows);
    expect(parseCsv(text)).toEqual([
      ['unit', 'x', 'y', 'z', 'n', 'none', 'flag'],
      ['淮源镇', 'a,b', 'say "hi"', 'two\nlines', '3', '', 'true'],
    ]);
  });

  it('defuses spreadsheet formulas, one rule for every writer', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")']])).toContain(`"'=HYPERLINK(""x"")"`);
    for (const s of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '-x']) expect(csvField(s).replace(/^"/, '')).toMatch(/^'/);
    // Numbers are data, as numbers or as text.
    for (const v of [-3, '-3', '-0.5', 0, '12']) expect(csvField(v)).toBe(String(v));
    expect(defuseFormula('淮源镇')).toBe('淮源镇');
    expect(csvLine(['=1', 2, null])).toBe(`'=1,2,`);
  });

  it('writes notes as comment lines first, each on one line whatever it quotes', () => {
    expect(toCsv(['a'], [], ['口径版本 2026.1']).startsWith('# 口径版本 2026.1\r\na\r\n')).toBe(true);
    expect(toCsv(['a'], [], ['单位 乡\r\n=1+1']).split('\r\n')).toEqual(['# 单位 乡 =1+1', 'a', '']);
  });

  it('keeps a row of empty cells when asked', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        [null, null],
        ['x', 'y'],
      ],
    );
    expect(parseCsv(text, { keepBlankRows: true })).toEqual([
      ['a', 'b'],
      ['', ''],
      ['x', 'y'],
    ]);
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
  });
});

describe('reading', () => {
  it('takes CRLF, LF and lone CR line ends, a BOM, and blank lines', () => {
    expect(parseCsv('\uFEFFfile,unit\r\na.pdf,淮源镇\n\nb.pdf,月河镇\rc.pdf,\n')).toEqual([
      ['file', 'unit'],
      ['a.pdf', '淮源镇'],
      ['b.pdf', '月河镇'],
      ['c.pdf', ''],
    ]);
  });

  it('opens a quote only at the start of a field', () => {
    expect(parseCsv('a,"b,c",d"e\n"x""y",""')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x"y', ''],
    ]);
  });

  it('reads a last record without a line end', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
