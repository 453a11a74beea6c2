// Charts and pickers as a reader meets them (issue 11 items 5–7). Real Chromium, real API, real
// PostgreSQL, demo county.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { SCREENSHOTS, startDemoDashboard, watchErrors } from '../support/browser.js';

let api: TestApi;
let browser: Browser;
let county: string;

beforeAll(async () => {
  ({ api, browser, county } = await startDemoDashboard());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(path: string, width = 1366): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${api.url}${path}`);
  return { page, errors };
}

/** Every image a PDF paints, as its box on its page: a chart prints as a picture of its canvas. */
async function pdfImages(pdf: Uint8Array): Promise<{ page: number; width: number; height: number; box: [number, number, number, number] }[]> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const out: { page: number; width: number; height: number; box: [number, number, number, number] }[] = [];
  type M = [number, number, number, number, number, number];
  const mul = (m: M, n: M): M => [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const ops = await page.getOperatorList();
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = mul(ctm, args as M);
      else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
        const xs = [ctm[4], ctm[4] + ctm[0], ctm[4] + ctm[2], ctm[4] + ctm[0] + ctm[2]];
        const ys = [ctm[5], ctm[5] + ctm[1], ctm[5] + ctm[3], ctm[5] + ctm[1] + ctm[3]];
        out.push({ page: p, width: x1 - x0, height: y1 - y0, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
      }
    });
  }
  await doc.destroy();
  return out;
}

const chartsReady = (page: Page, n: number) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-chart][data-ready="1"]').length >= n, n, { timeout: 20_000 });

describe('charts and pickers', () => {
  it('the heatmap marks each missing report as 未报送, as many as the API has unit × years without a report', async () => {
    const { page, errors } = await open(`/compare?county=${county}&metric=rate.disclosure`);
    await chartsReady(page, 3);
    type Row = { year: number; value: number | null; reports: number; unit: { id: string } };
    const rows: Row[] = [];
    let after: string | null = null;
    do {
      const r: { data?: { metrics: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await api.gql(
        'query($u: ID!, $a: String) { metrics(metrics: ["rate.disclosure"], scope: { under: $u, kinds: [township, town, street] }, groupBy: [unit, year], first: 100, after: $a) { edges { node { year value reports unit { id } } } pageInfo { hasNextPage endCursor } } }',
        { u: county, a: after },
      );
      rows.push(...(r.data?.metrics.edges.map((e) => e.node) ?? []));
      after = r.data?.metrics.pageInfo.hasNextPage ? r.data.metrics.pageInfo.endCursor : null;
    } while (after);
    const years = new Set(rows.map((x) => x.year));
    const units = new Set(rows.map((x) => x.unit.id));
    // Missing: no published report behind the cell (a filed report with no cases has a — instead).
    const expected = years.size * units.size - rows.filter((x) => x.reports > 0).length;
    expect(expected).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare-heatmap-title + .chart-tools button:nth-child(2)')]);
    const svg = readFileSync((await download.path()) as string, 'utf8');
    expect(svg.match(/>未报送</g)?.length).toBe(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the metric picker is grouped by the template sections, searchable, with 2019-only metrics marked', async () => {
    const { page, errors } = await open(`/compare?county=${county}`);
    await chartsReady(page, 3);
    const groups = await page.$$eval('select[name="metric"] optgroup', (gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups).toContain('二、主动公开政府信息情况');
    expect(groups).toContain('三、收到和处理政府信息公开申请情况');
    expect(groups.at(-1)).toBe('2019版模板专有');
    const marked = await page.$$eval('select[name="metric"] optgroup:last-child option', (os) => os.map((o) => o.textContent ?? ''));
    expect(marked.every((t) => t.includes('仅2019版模板'))).toBe(true);
    await page.fill('input[name="metric-search"]', '行政许可');
    const found = await page.$$eval('select[name="metric"] option', (os) => os.map((o) => o.textContent ?? ''));
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(20);
    expect(found.filter((t) => !t.includes('行政许可'))).toEqual(['新收申请数']); // the chosen metric stays
    await page.selectOption('select[name="metric"]', 'proactive.licensing');
    await page.waitForFunction(() => location.search.includes('metric=proactive.licensing'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('units in administrative-code order; a former unit named with its successor and years', async () => {
    const r = await api.gql<{ jurisdictions: { edges: { node: { id: string; name: string; code: string | null; kind: string } }[] } }>(
      'query($u: ID!) { jurisdictions(under: $u, kinds: [township, town, street, department, government], first: 100) { edges { node { id name code kind } } } }',
      { u: county },
    );
    const all = r.data?.jurisdictions.edges.map((e) => e.node) ?? [];
    // The demo's townships have no codes: then the county's own list order (registration), not the alphabet.
    const coded = [...all].sort((a, b) => (a.code && b.code ? (a.code < b.code ? -1 : 1) : a.code ? -1 : b.code ? 1 : Number(a.id) - Number(b.id)));
    expect(coded.map((u) => u.name).indexOf('城关镇')).toBeLessThan(coded.map((u) => u.name).indexOf('淮源镇'));
    const { page, errors } = await open(`/report?county=${county}`);
    await page.waitForSelector('select[name="unit"] option', { state: 'attached' });
    const options = await page.$$eval('select[name="unit"] option', (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    expect(options.slice(0, coded.length).map(([id]) => id)).toEqual(coded.map((u) => u.id));
    const former = options.find(([, text]) => text.startsWith('程湾乡'));
    expect(former?.[1]).toContain('今程湾镇');
    expect(former?.[1]).toContain('2012');
    expect(options.find(([, text]) => text.startsWith('程湾镇'))?.[1]).toContain('原程湾乡');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the overview prints on A4 landscape with every chart whole: each chart image inside its page', async () => {
    const { page, errors } = await open(`/?county=${county}`);
    await chartsReady(page, 6);
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'overview-print.pdf'), pdf);
    const images = await pdfImages(pdf);
    // Six charts; the small multiples of 主动公开 are one canvas too.
    expect(images.length).toBeGreaterThanOrEqual(6);
    // Inside the printable area: the page less the stylesheet's 12 mm margins (34 pt).
    const margin = (12 / 25.4) * 72 - 0.5;
    for (const im of images) {
      const [left, bottom, right, top] = im.box;
      expect(left, `page ${im.page}`).toBeGreaterThanOrEqual(margin);
      expect(bottom, `page ${im.page}`).toBeGreaterThanOrEqual(margin);
      expect(right, `page ${im.page}: a chart ends at ${right.toFixed(0)} pt on a ${im.width.toFixed(0)} pt page`).toBeLessThanOrEqual(im.width - margin);
      expect(top, `page ${im.page}`).toBeLessThanOrEqual(im.height - margin);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
