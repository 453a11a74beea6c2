import { describe, expect, it } from 'vitest';
import { metricUnit } from '../state/metrics.js';
import { formatChange, legendLines } from './base.js';

describe('chart helpers', () => {
  it('writes changes in one notation: rates in percentage points, counts as counts', () => {
    expect(formatChange(0.051, true)).toBe('+5.1个百分点');
    expect(formatChange(-0.02, true, 'en')).toBe('−2.0 pp');
    expect(formatChange(1200, false, 'en')).toBe('+1,200');
    expect(formatChange(0)).toBe('±0');
    expect(formatChange(null)).toBe('—');
  });

  it('counts the lines a wrapping legend takes', () => {
    expect(legendLines([])).toBe(0);
    expect(legendLines(['a', 'b'])).toBe(1);
    expect(
      legendLines(
        Array.from({ length: 6 }, () => '其他处理情况总计'),
        440,
      ),
    ).toBeGreaterThan(1);
  });

  it('knows each metric’s unit', () => {
    expect(metricUnit('rate.disclosure', 'zh')).toBe('%');
    expect(metricUnit('applications.received', 'zh')).toBe('件');
    expect(metricUnit('applications.received', 'en')).toBe('cases');
    expect(metricUnit('proactive.feesWan', 'zh')).toBe('万元');
  });
});
