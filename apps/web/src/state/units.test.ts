import { describe, expect, it } from 'vitest';
import { byCode, unitLabel } from './units.js';

describe('units', () => {
  const units = [
    { id: '3', name: '程湾镇', code: '411330108', validFrom: 2022, validTo: null, predecessor: { id: '2' } },
    { id: '2', name: '程湾乡', code: '411330208', validFrom: null, validTo: 2021, predecessor: null },
    { id: '1', name: '城关镇', code: '411330100', validFrom: null, validTo: null, predecessor: null },
    { id: '5', name: '县直机关', code: null },
    { id: '4', name: '安棚镇', code: null },
  ];

  it('orders by administrative code, units without a code last in the order they were registered', () => {
    expect(byCode(units).map((u) => u.id)).toEqual(['1', '3', '2', '4', '5']);
  });

  it('labels a former unit with its years and successor, and the successor with what it continues', () => {
    expect(unitLabel(units[1] as never, units, 'zh')).toBe('程湾乡（–2021，今程湾镇）');
    expect(unitLabel(units[1] as never, units, 'en')).toBe('程湾乡 (–2021, now 程湾镇)');
    expect(unitLabel(units[0] as never, units, 'zh')).toBe('程湾镇（2022年起，原程湾乡）');
    expect(unitLabel(units[2] as never, units, 'zh')).toBe('城关镇');
  });
});
