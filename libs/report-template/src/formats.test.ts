import { describe, expect, it } from 'vitest';
import { extensionForContentType, FILE_FORMATS, FILE_INPUT_ACCEPT, formatOfFileName, mediaTypeOf, REPORT_EXTENSIONS } from './index.js';

describe('file formats', () => {
  it('a name says its format by extension, any case; portal pages are HTML', () => {
    expect(formatOfFileName('a/b/info.JSP')).toBe('html');
    expect(['x.aspx', 'x.asp', 'x.php', 'x.shtml', 'x.xhtml', 'x.htm'].map(formatOfFileName)).toEqual(Array(6).fill('html'));
    expect(formatOfFileName('报告.docx')).toBe('docx');
    expect([formatOfFileName('年报.DOC'), formatOfFileName('年报.wps')]).toEqual(['doc', 'doc']);
    expect([formatOfFileName('page.mht'), formatOfFileName('page.MHTML')]).toEqual(['mhtml', 'mhtml']);
    expect(formatOfFileName('r.markdown')).toBe('markdown');
    expect(formatOfFileName('notes.xlsx')).toBeNull();
    expect(formatOfFileName('report.pdf.bak')).toBeNull();
  });

  it('each extension means one format, and the file input offers every one', () => {
    expect(new Set(REPORT_EXTENSIONS).size).toBe(REPORT_EXTENSIONS.length);
    expect(FILE_INPUT_ACCEPT.split(',')).toEqual([...REPORT_EXTENSIONS]);
    for (const f of FILE_FORMATS) expect(mediaTypeOf(f.format)).toBe(f.mediaType);
  });

  it('a fetched file without an extension is named by its Content-Type, HTML when unsure', () => {
    expect(extensionForContentType('application/pdf')).toBe('.pdf');
    expect(extensionForContentType('application/msword')).toBe('.doc');
    expect(extensionForContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('.docx');
    expect(extensionForContentType('text/html; charset=gbk')).toBe('.html');
    expect(extensionForContentType('text/plain')).toBe('.html');
    expect(extensionForContentType('')).toBe('.html');
  });
});
