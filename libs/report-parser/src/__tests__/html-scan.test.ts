// Our tag scanner against htmlparser2, the reader it stands in for: on every page it takes, the
// rows must be the same; what it leaves (throws UNUSUAL on) htmlparser2 still reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDER_EXT, randomReport, renderReport } from '@gongkai/report-render';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../decode.js';
import { extractHtmlWith } from '../extract/html.js';
import { scanHtml, UNUSUAL } from '../extract/html-scan.js';
import { mhtmlPage } from '../extract/mhtml.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

function fixturePages(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of readdirSync(fixtures)) {
    for (const f of readdirSync(join(fixtures, dir))) {
      if (!f.startsWith('input.')) continue;
      const bytes = new Uint8Array(readFileSync(join(fixtures, dir, f)));
      if (f.endsWith('.html') || f.endsWith('.htm')) out.push([dir, decodeText(bytes, true).text]);
      if (f.endsWith('.mhtml')) out.push([dir, decodeText(mhtmlPage(bytes) as Uint8Array, true).text]);
    }
  }
  return out;
}

function generatedPages(n: number): string[] {
  const pages: string[] = [];
  for (let seed = 1; seed <= n; seed++) {
    for (const format of ['html', 'html-gbk'] as const) {
      const bytes = renderReport(randomReport(seed), format);
      expect(RENDER_EXT[format]).toMatch(/htm/);
      pages.push(decodeText(bytes, true).text);
    }
  }
  return pages;
}

/** htmlparser2's events, texts joined as a handler sees them (it cuts text at entities). */
function events(run: (h: { onopentag(n: string, a: Record<string, string>): void; ontext(t: string): void; onclosetag(n: string): void }) => void): string[] {
  const out: string[] = [];
  const text = (t: string) => {
    if (out.length > 0 && (out[out.length - 1] as string).startsWith('text ')) out[out.length - 1] += t;
    else out.push(`text ${t}`);
  };
  run({ onopentag: (n, a) => out.push(`open ${n} ${JSON.stringify(a)}`), ontext: text, onclosetag: (n) => out.push(`close ${n}`) });
  return out;
}
const same = (html: string) => {
  expect(extractHtmlWith(html, 'scanner')).toEqual(extractHtmlWith(html, 'htmlparser2'));
  let ours: string[] | null = null;
  try {
    ours = events((h) => scanHtml(html, h));
  } catch (e) {
    if (e !== UNUSUAL) throw e;
  }
  if (ours) expect(ours).toEqual(events((h) => new Parser(h, { decodeEntities: true, lowerCaseTags: true }).end(html)));
};
const takes = (html: string): boolean => {
  try {
    scanHtml(html, { onopentag() {}, ontext() {}, onclosetag() {} });
    return true;
  } catch (e) {
    if (e !== UNUSUAL) throw e;
    return false;
  }
};

/** Markup that real pages (Word's, old portals', crawlers') hold, and the HTML rules' corners. */
const SNIPPETS = [
  '<!-->',
  '<!--->',
  '<!---->',
  '<!-- a -- b --!>',
  '<!>',
  '<!->',
  '<!DOCTYPE html>',
  '<!doctype>',
  '<?xml version="1.0"?>',
  '</>',
  '</p>',
  '</br>',
  '</td>',
  '</table>',
  '<p>',
  '<p class="MsoNormal">',
  '<o:p></o:p>',
  '<td rowspan=2 colspan="3">',
  "<td colspan='2'>",
  '<TD CLASS="nav">',
  '<div class="footer">',
  '<div id=menu>',
  '<div =x>',
  '<td a="1"b=2 c>',
  '<td / >',
  '<br/>',
  '<img src="x.png"/>',
  '<image src=x>',
  '<form><form>',
  '</form>',
  '<tr>',
  '<th>',
  '<thead>',
  '<tbody>',
  '<tfoot>',
  '<li>',
  '<ul><li>a<li>b</ul>',
  '<dl><dt>a<dd>b<dt>c</dl>',
  '<h2>',
  '<h3><p>x<h4>',
  '<select><option>a<optgroup><option>b</select>',
  '<button>x<input>',
  '<a href=x><a>',
  '<ruby>a<rt>b<rp>c</ruby>',
  '<body>',
  '<div><p>a<div>b</div>',
  '<center>x</center>',
  '<script>if (a < b) document.write("</div>")</script >',
  '<SCRIPT>x</Script>',
  '<style>td{}</style>',
  '<title>a&amp;b</title>',
  '<textarea>x</textarea>',
  '<svg><path d="M0"/></svg>',
  '<iframe src=x></iframe>',
  '&nbsp;',
  '&nbsp',
  '&amp',
  '&#x4e00;',
  '&#19968;',
  '&lt;td&gt;',
  '&notit;',
  '&',
  '<',
  '< td>',
  '<3',
  'a<b',
  '</ td>',
  '<td a="x>',
  '<![CDATA[x]]>',
  '\r\n',
  '\t',
  '\u3000',
  '规章',
  '12',
];

describe('the tag scanner reads as htmlparser2 does', () => {
  it('on every HTML and MHTML fixture, and takes them all itself', () => {
    const pages = fixturePages();
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const [name, html] of pages) {
      same(html);
      expect(takes(html), name).toBe(true);
    }
  });

  it('on generated reports (UTF-8 and GBK pages), taking them all itself', () => {
    for (const html of generatedPages(20)) {
      same(html);
      expect(takes(html)).toBe(true);
    }
  });

  it('on pages with markup corners spliced in, cut short or cut up', () => {
    const bases = [...generatedPages(3), ...fixturePages().map(([, h]) => h)];
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS)), { maxLength: 8 }),
        fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))),
        (b, inserts, cut) => {
          let html = bases[b] as string;
          for (const [at, snippet] of inserts) {
            const i = Math.floor(at * html.length);
            html = html.slice(0, i) + snippet + html.slice(i);
          }
          if (cut) {
            // A range removed: tags cut in half, quotes left open, ends lost.
            const [x, y] = cut;
            const i = Math.floor(Math.min(x, y) * html.length);
            const j = Math.floor(Math.max(x, y) * html.length);
            html = html.slice(0, i) + html.slice(i + Math.min(j - i, 400));
          }
          runs++;
          if (takes(html)) taken++;
          same(html);
        },
      ),
      { numRuns: 400, seed: 42 },
    );
    // The fast path is the usual one, not a formality.
    expect(taken / runs).toBeGreaterThan(0.3);
  });

  it('on huge hostile markup: the same rows as htmlparser2, whether the scanner takes it or hands it on', () => {
    const M = 2 * 1024 * 1024;
    const hostile = [
      '<'.repeat(M),
      '<a'.repeat(M / 2),
      '<!--'.repeat(M / 4),
      `${'<div>'.repeat(1500)}${'</x>'.repeat(M / 4 / 20)}`,
      `<td ${'a=1 '.repeat(M / 4)}>`,
      `<table><tr><td a="${'x'.repeat(M)}`,
      '<script>'.repeat(M / 8),
      '<table><tr><td>1'.repeat(M / 16),
      '&amp;'.repeat(M / 5),
    ];
    // Rows only (the event helpers have no depth guard, and these pages nest 100,000 deep); a page
    // too deep is refused the same way by both (extractHtml then reads its text alone).
    const outcome = (html: string, engine: 'scanner' | 'htmlparser2') => {
      try {
        return extractHtmlWith(html, engine);
      } catch (e) {
        return String(e);
      }
    };
    for (const html of hostile) expect(outcome(html, 'scanner')).toEqual(outcome(html, 'htmlparser2'));
  });

  it('on the snippets alone and in pairs', () => {
    for (const a of SNIPPETS) {
      same(a);
      for (const b of SNIPPETS) same(`<table><tr><td>${a}</td><td>1${b}2</td></tr></table>`);
    }
  });
});
