import { describe, expect, it } from 'vitest';
import { continuityBreak, copies, detectAnomalies, median, spike, type UnitYear, zeroAmongPeers } from './anomalies.js';

const row = (r: Partial<UnitYear> & { unit: number; year: number }): UnitYear => ({
  parent: 1,
  kind: 'town',
  received: 10,
  over: 0,
  forward: 0,
  hash: `h${r.unit}-${r.year}`,
  sparse: false,
  text: `text of ${r.unit} in ${r.year}`,
  ...r,
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('spike', () => {
  it('marks new applications robustly unusual and large against at least three earlier years', () => {
    const a = spike(row({ unit: 7, year: 2025, received: 60 }), [10, 12, 11, 9]);
    expect(a).toMatchObject({ kind: 'spike', unitId: 7, year: 2025, value: 60, expected: 10.5, metric: 'applications.received' });
    expect(a?.score).toBeGreaterThan(3.5);
  });

  it('ignores short histories, small jumps and jumps below the median itself', () => {
    expect(spike(row({ unit: 7, year: 2025, received: 60 }), [10, 12])).toBeNull();
    expect(spike(row({ unit: 7, year: 2025, received: 2 }), [0, 0, 0])).toBeNull(); // 0 → 2
    expect(spike(row({ unit: 7, year: 2025, received: 24 }), [14, 14, 14])).toBeNull(); // 14 → 24
  });

  it('gives no score when every earlier year was the same', () => {
    expect(spike(row({ unit: 7, year: 2025, received: 40 }), [10, 10, 10])).toMatchObject({ score: null, expected: 10 });
  });
});

describe('zeroAmongPeers', () => {
  const peers = [1, 2, 3, 4].map((u) => row({ unit: u, year: 2025, received: u * 2 }));

  it('marks no applications where three quarters of three or more peers had some', () => {
    expect(zeroAmongPeers(row({ unit: 9, year: 2025, received: 0 }), peers)).toMatchObject({ kind: 'zeroAmongPeers', value: 0, expected: 5 });
  });

  it('needs three peers, three quarters of them busy, and a zero', () => {
    expect(zeroAmongPeers(row({ unit: 9, year: 2025, received: 0 }), peers.slice(0, 2))).toBeNull();
    expect(zeroAmongPeers(row({ unit: 9, year: 2025, received: 0 }), [...peers.slice(0, 2), row({ unit: 5, year: 2025, received: 0 })])).toBeNull();
    expect(zeroAmongPeers(row({ unit: 9, year: 2025, received: 1 }), peers)).toBeNull();
  });
});

describe('continuityBreak (the validator’s carry-over rule, totals)', () => {
  it('marks this year’s carried over differing from last year’s carried forward', () => {
    const a = continuityBreak(row({ unit: 3, year: 2025, over: 2 }), row({ unit: 3, year: 2024, forward: 5 }));
    expect(a).toMatchObject({ kind: 'continuityBreak', otherYear: 2024, metric: 'applications.carriedOver.total', value: 2, expected: 5 });
    expect(a?.message).toBe('上年结转 2 件，上一年度结转下年度为 5 件');
  });

  it('counts a blank cell as 0, and needs last year’s report', () => {
    expect(continuityBreak(row({ unit: 3, year: 2025, over: null }), row({ unit: 3, year: 2024, forward: 0 }))).toBeNull();
    expect(continuityBreak(row({ unit: 3, year: 2025, over: 0 }), row({ unit: 3, year: 2024, forward: null }))).toBeNull();
    expect(continuityBreak(row({ unit: 3, year: 2025, over: null }), row({ unit: 3, year: 2024, forward: 4 }))).toMatchObject({ value: 0, expected: 4 });
    expect(continuityBreak(row({ unit: 3, year: 2025, over: 4 }), undefined)).toBeNull();
  });
});

describe('copies', () => {
  const text =
    '本机关严格落实政府信息公开条例，全年主动公开政府信息，依申请公开工作平稳有序，未发生行政复议和诉讼案件，信息公开工作取得明显成效。下一年度将继续完善制度。';

  it('finds the same figures in another unit’s report of the year once per pair, and in the unit’s other years', () => {
    const a = row({ unit: 1, year: 2025, hash: 'same' });
    const b = row({ unit: 2, year: 2025, hash: 'same' });
    const a2024 = row({ unit: 1, year: 2024, hash: 'same' });
    const other2024 = row({ unit: 2, year: 2024, hash: 'same' });
    const rows = [a, b, a2024, other2024];
    expect(copies(a, rows).map((x) => [x.kind, x.otherUnitId, x.otherYear])).toEqual([
      ['copiedFigures', 2, 2025],
      ['copiedFigures', 1, 2024],
    ]);
    expect(copies(b, rows).map((x) => [x.otherUnitId, x.otherYear])).toEqual([[2, 2024]]); // the pair with unit 1 was told on unit 1
  });

  it('ignores sparse figures and short prose, and finds long prose', () => {
    const a = row({ unit: 1, year: 2025, hash: 'same', sparse: true, text });
    const b = row({ unit: 2, year: 2025, hash: 'same', text });
    expect(copies(a, [a, b]).map((x) => x.kind)).toEqual(['copiedText']);
    const short = row({ unit: 1, year: 2025, text: '无' });
    expect(copies(short, [short, row({ unit: 2, year: 2025, text: '无' })])).toEqual([]);
  });
});

describe('detectAnomalies', () => {
  it('runs every detector over the year’s reports only, in unit order', () => {
    const rows = [
      ...[2021, 2022, 2023, 2024].map((year) => row({ unit: 1, year, received: 10, forward: year === 2024 ? 3 : 0 })),
      row({ unit: 1, year: 2025, received: 90, over: 1 }),
      ...[2, 3, 4].map((unit) => row({ unit, year: 2025, received: 5 })),
      row({ unit: 5, year: 2025, received: 0 }),
    ];
    expect(detectAnomalies(rows, 2025).map((a) => `${a.kind}:${a.unitId}`)).toEqual(['spike:1', 'continuityBreak:1', 'zeroAmongPeers:5']);
    expect(detectAnomalies(rows, 2024)).toEqual([]);
  });
});
