import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.js';

describe('sparklinePath', () => {
  it('draws from the lowest value at the bottom to the highest at the top', () => {
    expect(sparklinePath([0, 10], 20, 10, 0)).toBe('M0.0 10.0L20.0 0.0');
  });
  it('lifts the pen over gaps', () => {
    expect(sparklinePath([1, null, 3], 20, 10, 0)).toBe('M0.0 10.0M20.0 0.0');
  });
  it('is empty without values and flat for a constant', () => {
    expect(sparklinePath([null, null])).toBe('');
    expect(sparklinePath([4, 4], 10, 10, 0)).toBe('M0.0 10.0L10.0 10.0');
  });
});
