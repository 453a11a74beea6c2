import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, latin1Head } from '../decode.js';

const page = (before: number, charset: string) =>
  `<!doctype html><html><head>${' '.repeat(before)}<meta http-equiv="Content-Type" content="text/html; charset=${charset}"></head><body><p>政府信息公开工作年度报告</p></body></html>`;

describe('decodeText: the declared charset of a page', () => {
  it('is found in the first kilobyte, beyond it (up to 4 KiB), and when the kilobyte cuts it in two', () => {
    const body = '政府信息公开工作年度报告';
    // The charset's value starts 2 bytes before the 1,024-byte mark: a first look sees only "gb".
    const cut = 1022 - page(0, 'gb2312').indexOf('gb2312');
    for (const before of [0, cut, 2000]) {
      const bytes = new Uint8Array(iconv.encode(page(before, 'gb2312'), 'gbk'));
      const head = latin1Head(bytes, 1024);
      if (before === cut) expect(head.endsWith('charset=gb')).toBe(true);
      const withHead = decodeText(bytes, true, head);
      expect(withHead.encoding, `declaration at ~${before}`).toBe('gb2312');
      expect(withHead.text).toContain(body);
      expect(decodeText(bytes, true)).toEqual(withHead);
    }
  });
});
