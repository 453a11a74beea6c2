import { describe, expect, it } from 'vitest';
import { isFootnoteMark } from '../normalize.js';
import type { SrcRow } from '../source.js';
import { tokenizeRow } from '../tokens.js';

const row = (texts: string[], table: boolean): SrcRow => ({ cells: texts.map((text) => ({ text, prov: {} })), blanksAreCells: table, table });
const values = (texts: string[], table = true) =>
  tokenizeRow(row(texts, table)).map((t) => (t.kind === 'value' ? t.digits : t.kind === 'label' ? `label:${t.text}` : t.kind));

describe('a cell’s tokens', () => {
  it('digits spaced in threes in a table cell are one number (千分空, thin space or space), fraction groups too', () => {
    expect(values(['1\u2009721', '12 345 678', '278.184\u2009915', '1 721'])).toEqual(['1721', '12345678', '278.184915', '1721']);
  });

  it('spaced digits that are no grouping, or in a line of text, stay apart', () => {
    expect(values(['0 125', '12 34'])).toEqual(['0', '125', '12', '34']);
    expect(values(['1 721'], false)).toEqual(['1', '721']);
  });

  it('a footnote mark after a count is no value: the count, with the mark kept as its annotation', () => {
    const [t] = tokenizeRow(row(['721[1]'], true));
    expect(t).toMatchObject({ kind: 'value', digits: '721', annotation: '[1]' });
    expect(values(['152※', '9*2', '4［注3］'])).toEqual(['152', '9', '4']);
  });

  it('〇 and 零 for an empty count are 0; /, — and 无 stay marks', () => {
    expect(values(['〇', '零', '/', '—', '无'])).toEqual(['0', '0', 'null', 'null', 'null']);
  });
});

describe('a superscript footnote mark', () => {
  it('is a short number, star or bracketed note; anything longer is text', () => {
    expect(['1', '12', ' [2] ', '（注3）', '*', '※', '注1'].map(isFootnoteMark)).toEqual([true, true, true, true, true, true, true]);
    expect(['123', 'x', '', 'm2 面积', `${' '.repeat(100_000)}x`].map(isFootnoteMark)).toEqual([false, false, false, false, false]);
  });
});
