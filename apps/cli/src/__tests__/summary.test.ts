import { describe, expect, it } from 'vitest';
import { clip } from '../summary.js';

describe('clip', () => {
  it('keeps short labels whole and marks a cut with …', () => {
    expect(clip('三（七）总计', 19)).toBe('三（七）总计');
    expect(clip('三（三）不予公开 1.属于国家秘密的信息', 8)).toBe('三（三）不予公…');
    expect([...clip('x'.repeat(40), 19)]).toHaveLength(19);
  });
});
