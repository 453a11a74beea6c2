import { describe, expect, it } from 'vitest';
import {
  APPLICANT_KEYS,
  APPLICANT_ROW_TOTAL,
  APPLICATIONS_OUTCOME_SUM,
  groupRows,
  REVIEW_GROUP_TOTAL,
  REVIEW_KEYS,
  SECTIONS,
  sectionHeading,
  slotGroups,
} from './index.js';

describe('equations', () => {
  it('give the solver its slot groups from the printed column order', () => {
    expect(slotGroups(APPLICANT_KEYS, APPLICANT_ROW_TOTAL)).toEqual([6]);
    expect(slotGroups(REVIEW_KEYS, REVIEW_GROUP_TOTAL)).toEqual([4]);
    // A layout that does not print the parts then their total cannot be solved as one.
    expect(() => slotGroups([...APPLICANT_KEYS].reverse(), APPLICANT_ROW_TOTAL)).toThrow(/parts then total/);
  });

  it('outcome rows: 其他处理 as three sub-rows or as its single row, never both', () => {
    const withParts = APPLICATIONS_OUTCOME_SUM.parts(true);
    const single = APPLICATIONS_OUTCOME_SUM.parts(false);
    expect(withParts).toContain('otherHandling.overdueFee');
    expect(withParts).not.toContain('otherHandling.total');
    expect(single).toContain('otherHandling.total');
    expect(single.filter((k) => k.startsWith('otherHandling.'))).toEqual(['otherHandling.total']);
    expect(withParts.length).toBe(single.length + 2);
    expect(groupRows('denied')).toHaveLength(8);
    expect(groupRows('unavailable')).toEqual(['unavailable.notHeld', 'unavailable.needsCreation', 'unavailable.unclearAfterCorrection']);
  });
});

describe('sections', () => {
  it('every heading keyword contains one of its hints (the parser looks for hints first)', () => {
    for (const s of SECTIONS) for (const k of s.keywords) expect([s.key, k, s.hints.some((h) => k.includes(h))]).toEqual([s.key, k, true]);
    expect(sectionHeading('reviews')).toBe('四、政府信息公开行政复议、行政诉讼情况');
  });
});
