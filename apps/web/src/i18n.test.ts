import { describe, expect, it } from 'vitest';
import { explainError } from './i18n.js';

describe('explainError', () => {
  it("a reason's message wins over its code's; both languages", () => {
    expect(explainError('zh', { code: 'UNREADABLE_REPORT', reason: 'input.imagesOnly' })).toContain('没有文字层的 PDF');
    expect(explainError('en', { code: 'UNREADABLE_REPORT', reason: 'input.imagesOnly' })).toContain('no text layer');
    expect(explainError('en', { code: 'UNREADABLE_REPORT', reason: 'input.binary' })).toContain('cannot be read');
    expect(explainError('zh', { code: 'UNAUTHENTICATED', reason: null })).toContain('重新登录');
  });

  it('an unknown code or reason has no explanation: the server text stands alone', () => {
    expect(explainError('zh', { code: 'WRONG_YEAR', reason: 'something.new' })).toBeNull();
    expect(explainError('en', { code: 'UNREADABLE_REPORT', reason: 'constructor' })).toBeNull();
  });
});
