import { METRICS } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { metricGroups } from './MetricPicker.js';

describe('metricGroups', () => {
  it("groups every metric once, by the template's sections, 2019-only cells last and marked", () => {
    const groups = metricGroups('zh');
    expect(groups.map((g) => g.label)).toEqual([
      '常用指标',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '2019版模板专有',
    ]);
    const keys = groups.flatMap((g) => g.metrics.map((m) => m.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(METRICS.size);
    const old = groups.at(-1)?.metrics ?? [];
    expect(old.length).toBeGreaterThan(5);
    expect(old.every((m) => m.key.includes('v2019') && m.label.endsWith('（仅2019版模板）'))).toBe(true);
    expect(groups.slice(0, -1).every((g) => g.metrics.every((m) => !m.key.includes('v2019')))).toBe(true);
  });

  it('searches labels in both languages and keys', () => {
    const zh = metricGroups('zh', '行政许可').flatMap((g) => g.metrics.map((m) => m.key));
    expect(zh).toContain('proactive.licensing');
    expect(zh.every((k) => METRICS.get(k)?.zh.includes('行政许可'))).toBe(true);
    expect(metricGroups('en', 'DISCLOSURE RATE').flatMap((g) => g.metrics.map((m) => m.key))).toContain('rate.disclosure');
    expect(metricGroups('en', 'nothing-like-this')).toEqual([]);
  });
});
