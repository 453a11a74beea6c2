// Web pages archived as one MIME file (.mht/.mhtml). Chromium's own archives are in the producer
// tests and a golden; here a Word-style "single file web page" (GB2312, quoted-printable, CRLF) and
// broken or hostile archives.
import { randomReport, renderReport } from '@gongkai/report-render';
import { describe, expect, it } from 'vitest';
import { parseReport, UnreadableInputError } from '../index.js';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Bytes as quoted-printable: every byte outside printable ASCII (and `=`) as =XX, lines ≤ 76 with soft breaks. */
function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece =
      b === 10 ? '\r\n' : b === 13 ? '' : b < 32 || b > 126 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    if (piece === '\r\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

function wordMht(html: Uint8Array, encoding: 'quoted-printable' | 'base64' = 'quoted-printable'): Uint8Array {
  const body = encoding === 'base64' ? btoa(String.fromCharCode(...html)).replace(/.{76}/g, '$&\r\n') : quotedPrintable(html);
  return latin1(
    [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="----=_NextPart_01DA0000.12345678"',
      '',
      'This document is a Single File Web Page, also known as a Web Archive file.',
      '',
      '------=_NextPart_01DA0000.12345678',
      'Content-Location: file:///C:/report.htm',
      `Content-Transfer-Encoding: ${encoding}`,
      'Content-Type: text/html; charset="gb2312"',
      '',
      body,
      '',
      '------=_NextPart_01DA0000.12345678',
      'Content-Location: file:///C:/report.files/image001.png',
      'Content-Transfer-Encoding: base64',
      'Content-Type: image/png',
      '',
      'iVBORw0KGgo=',
      '',
      '------=_NextPart_01DA0000.12345678--',
      '',
    ].join('\r\n'),
  );
}

describe('MHTML archives', () => {
  const report = randomReport(41, { year: 2023, version: '2021', scale: 5, blankRate: 0.3 });
  const gbk = renderReport(report, 'html-gbk');

  it("Word's single file web page (GB2312, quoted-printable or base64) is read as the page it holds", async () => {
    for (const encoding of ['quoted-printable', 'base64'] as const) {
      for (const name of ['年报.mht', 'report.doc', 'noname']) {
        const r = await parseReport(wordMht(gbk, encoding), name);
        expect(r.source.format).toBe('mhtml');
        expect(r.applications).toEqual(report.applications);
        expect(r.reviews).toEqual(report.reviews);
      }
    }
  });

  async function refusal(bytes: Uint8Array) {
    try {
      await parseReport(bytes, 'a.mhtml');
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableInputError);
      return (e as UnreadableInputError).code;
    }
    throw new Error('accepted');
  }

  it('an archive without a page, cut short, or with broken encoding is refused with a reason', async () => {
    const noPage = latin1('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n');
    expect(await refusal(noPage)).toBe('input.notReport');
    const full = wordMht(gbk);
    expect(['input.notReport', 'input.binary']).toContain(await refusal(full.subarray(0, 300)));
    const badBase64 = latin1('MIME-Version: 1.0\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@=\r\n');
    expect(['input.binary', 'input.empty', 'input.notReport']).toContain(await refusal(badBase64));
    // Quoted-printable with stray `=` signs and no blank line after the headers at all.
    expect(await refusal(latin1('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n--b'))).toBe('input.notReport');
    expect(await refusal(latin1('Content-Type: text/html\r\n\r\n=ZZ=\r\n=4'))).toBe('input.notReport');
  });

  it('a huge archive of parts is read in linear time and refused for what it is', async () => {
    const part = '--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n';
    const big = latin1(`MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n${part.repeat(200_000)}--b--\r\n`);
    expect(big.length).toBeGreaterThan(10_000_000);
    expect(await refusal(big)).toBe('input.notReport');
  });
});
