import { describe, expect, it } from 'vitest';
import { flattenRows, parseCsv, toCsv } from './csv.js';

describe('csv', () => {
  it('round-trips quotes, commas, newlines and Chinese text', () => {
    const rows = [['淮源镇', 'a,b', 'say "hi"', 'two\nlines', 3, null, true]];
    const text = toCsv(['unit', 'x', 'y', 'z', 'n', 'none', 'flag'], rows);
    expect(parseCsv(text)).toEqual([
      ['unit', 'x', 'y', 'z', 'n', 'none', 'flag'],
      ['淮源镇', 'a,b', 'say "hi"', 'two\nlines', '3', '', 'true'],
    ]);
  });
  it('defuses spreadsheet formulas', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")']])).toContain(`"'=HYPERLINK(""x"")"`);
  });
  it('writes notes as comment lines first', () => {
    expect(toCsv(['a'], [], ['口径版本 2026.1']).startsWith('# 口径版本 2026.1\r\na\r\n')).toBe(true);
  });
  it('keeps each note on one line, whatever it quotes', () => {
    expect(toCsv(['a'], [], ['单位 乡\r\n=1+1']).split('\r\n')).toEqual(['# 单位 乡 =1+1', 'a', '']);
  });
  it('flattens nested results into dotted columns', () => {
    expect(
      flattenRows([
        { unit: { name: '淮源镇' }, value: 1 },
        { unit: { name: '月河镇' }, value: 2, extra: [1] },
      ]),
    ).toEqual({
      header: ['unit.name', 'value', 'extra'],
      rows: [
        ['淮源镇', 1, undefined],
        ['月河镇', 2, '[1]'],
      ],
    });
  });
});
