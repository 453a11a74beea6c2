import { describe, expect, it } from 'vitest';
import { flattenRows } from './csv.js';

describe('csv', () => {
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
