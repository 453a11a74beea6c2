// The dashboard in a real Chromium against the real API on a real database with the demo county.
import { readFileSync } from 'node:fs';
import { parseCsv } from '@gongkai/csv';
import { randomReport, renderReport } from '@gongkai/report-render';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { axeSerious, type DemoDashboard, login, screenshot, startDemoDashboard, unitId, watchErrors } from '../support/browser.js';

let api: TestApi;
let browser: Browser;
let county: string;
let huaiyuan: string;

beforeAll(async () => {
  let units: DemoDashboard['units'];
  ({ api, browser, county, units } = await startDemoDashboard());
  huaiyuan = unitId(units, '淮源镇');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(path: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${api.url}${path}`);
  return { page, errors };
}

async function chartsReady(page: Page, n: number) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-chart][data-ready="1"]').length >= n, n, { timeout: 20_000 });
}

const cardValue = async (page: Page, metric: string) => Number((await page.textContent(`[data-metric="${metric}"] .card-value`))?.replace(/[^\d.]/g, ''));

describe('dashboard in Chromium', () => {
  it('overview: headline figures equal the API, six charts drawn, no console errors, no serious axe violations', async () => {
    const { page, errors } = await open('/');
    await chartsReady(page, 6);
    const year = Number(await page.inputValue('select[name="year"]'));
    const r = await api.gql<{ metrics: { edges: { node: { value: number } }[] } }>(
      'query($u: ID!, $y: Int!) { metrics(metrics: ["applications.received"], scope: { under: $u }, years: [$y], groupBy: [year]) { edges { node { value } } } }',
      { u: county, y: year },
    );
    expect(await cardValue(page, 'applications.received')).toBe(r.data?.metrics.edges[0]?.node.value);
    expect(await page.textContent('.synthetic-banner')).toContain('合成');
    await screenshot(page, 'overview');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('comparison: charts and ranking drawn; a filter change updates URL and charts; back and forward restore it', async () => {
    const { page, errors } = await open(`/compare?county=${county}`);
    await chartsReady(page, 3);
    expect(await page.textContent('h1')).toContain('新收申请数');
    expect(await page.locator('table.ranking tbody tr').count()).toBeGreaterThan(5);
    await page.selectOption('select[name="metric"]', 'rate.disclosure');
    await page.waitForFunction(() => location.search.includes('metric=rate.disclosure'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('予以公开率'));
    await chartsReady(page, 3);
    expect(await page.textContent('#compare-grouped-title')).toContain('予以公开率');
    await screenshot(page, 'compare');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('新收申请数'));
    expect(page.url()).not.toContain('metric=');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('予以公开率'));
    expect(await page.inputValue('select[name="metric"]')).toBe('rate.disclosure');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ranking: aria-sort and the arrow give the direction the rows are in', async () => {
    const { page, errors } = await open(`/compare?county=${county}`);
    await page.waitForSelector('table.ranking tbody tr');
    const state = () =>
      page.evaluate(() => {
        const ths = [...document.querySelectorAll('table.ranking thead th')];
        const sorted = ths.findIndex((th) => th.getAttribute('aria-sort') !== 'none' && th.hasAttribute('aria-sort'));
        const cells = [...document.querySelectorAll('table.ranking tbody tr')].map((tr) => tr.children[sorted]?.textContent?.trim() ?? '');
        return { sorted, aria: ths[sorted]?.getAttribute('aria-sort'), arrow: ths[sorted]?.textContent?.trim().slice(-1), cells };
      });
    const numbers = (cells: string[]) => cells.filter((c) => /\d/.test(c)).map((c) => Number(c.replace(/[^\d.-]/g, '')));
    // By rank (the default): 1 first, ascending.
    const byRank = await state();
    expect([byRank.sorted, byRank.aria, byRank.arrow]).toEqual([0, 'ascending', '▲']);
    expect(numbers(byRank.cells)).toEqual([...numbers(byRank.cells)].sort((a, b) => a - b));
    expect(numbers(byRank.cells)[0]).toBe(1);
    // By value: largest first, descending.
    await page.click('table.ranking thead th:nth-child(3) button');
    await page.waitForFunction(() => document.querySelector('table.ranking thead th:nth-child(3)')?.getAttribute('aria-sort') === 'descending');
    const byValue = await state();
    expect([byValue.sorted, byValue.aria, byValue.arrow]).toEqual([2, 'descending', '▼']);
    expect(numbers(byValue.cells).length).toBeGreaterThan(5);
    expect(numbers(byValue.cells)).toEqual([...numbers(byValue.cells)].sort((a, b) => b - a));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a chart's CSV download holds exactly the API's rows", async () => {
    const { page, errors } = await open(`/?county=${county}`);
    await chartsReady(page, 6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-csv="trend-applications"]')]);
    const csv = parseCsv(readFileSync((await download.path()) as string, 'utf8')).filter((r) => !r[0]?.startsWith('#'));
    const [header, ...rows] = csv;
    expect(header).toEqual(['metric', 'year', 'unit_id', 'unit', 'value', 'numerator', 'denominator', 'low', 'high', 'small_sample', 'reports']);
    const r = await api.gql<{ metrics: { edges: { node: Record<string, unknown> }[] } }>(
      'query($u: ID!) { metrics(metrics: ["applications.received", "applications.handled"], scope: { under: $u }, groupBy: [year], first: 100) { edges { node { metric year value numerator reports } } } }',
      { u: county },
    );
    const fromApi = (r.data?.metrics.edges ?? [])
      .map(({ node: n }) => [n.metric, String(n.year), String(n.value), String(n.numerator), String(n.reports)].join('|'))
      .sort();
    const fromCsv = rows.map((c) => [c[0], c[1], c[4], c[5], c[10]].join('|')).sort();
    expect(fromApi.length).toBeGreaterThan(6);
    expect(fromCsv).toEqual(fromApi);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('report view: the template tables with every number traced to its source', async () => {
    const { page, errors } = await open(`/report?county=${county}&unit=${huaiyuan}&year=2023`);
    await page.waitForSelector('table.template td[data-key]');
    const traced = await page.$$eval('td[data-key]', (tds) => tds.filter((td) => (td as HTMLElement).dataset.source).length);
    expect(traced).toBeGreaterThan(100);
    const source = await page.getAttribute('td[data-key="applications.newReceived.total"]', 'data-source');
    expect(source).toMatch(/第\d+行/);
    await screenshot(page, 'report');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('data quality (admin): unit × year status matrix, findings and anomalies with links', async () => {
    const { page, errors } = await open(`/quality?county=${county}&year=2024`);
    await login(page, 'admin', 'gongkai-admin');
    await page.waitForSelector('table.status-matrix td[data-state]');
    const states = await page.$$eval('td[data-state]', (tds) => new Set(tds.map((td) => (td as HTMLElement).dataset.state)).size);
    expect(states).toBeGreaterThan(1);
    expect(await page.locator('[data-anomaly="spike"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'quality');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('analysts: an example runs and its CSV holds the rows of the result', async () => {
    const { page, errors } = await open(`/analysts?county=${county}`);
    await page.click('[data-example="yoy"] [data-action="run"]');
    await page.waitForSelector('[data-example="yoy"] pre.result');
    const result = JSON.parse((await page.textContent('[data-example="yoy"] pre.result')) as string) as {
      yoy: { unit: { name: string }; change: number | null }[];
    };
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-csv="yoy"]')]);
    const [header, ...rows] = parseCsv(readFileSync((await download.path()) as string, 'utf8'));
    expect(header).toContain('unit.name');
    expect(rows.map((r) => r[header?.indexOf('unit.name') as number])).toEqual(result.yoy.map((r) => r.unit.name));
    await screenshot(page, 'analysts');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('English switch changes the labels; the copied URL reopens the same view and filters', async () => {
    const { page, errors } = await open(`/compare?county=${county}&metric=applications.handled`);
    await chartsReady(page, 3);
    await page.click('button[lang="en"]');
    await page.waitForFunction(() => location.search.includes('lang=en'));
    expect(await page.textContent('[data-nav="overview"]')).toBe('County overview');
    expect(await page.textContent('h1')).toContain('Applications handled');
    const url = page.url();
    const again = await browser.newPage();
    await again.goto(url);
    await again.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Applications handled'));
    expect(await again.getAttribute('html', 'lang')).toBe('en');
    expect(await again.inputValue('select[name="metric"]')).toBe('applications.handled');
    await again.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('usable at 768 px: nothing wider than the window', async () => {
    const { page, errors } = await open(`/?county=${county}`, 768);
    await chartsReady(page, 6);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-768');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('submit end to end: file → preview → submit (clerk, no admin actions) → accept → publish (admin) → county total changes', async () => {
    const { page, errors } = await open(`/?county=${county}&year=2025`);
    await chartsReady(page, 6);
    const before = await cardValue(page, 'applications.received');
    const old = await api.gql<{ report: { version: { figures: { value: number }[] } } }>(
      'query($u: ID!) { report(jurisdictionId: $u, year: 2025) { version { figures(keys: ["applications.newReceived.total"]) { value } } } }',
      { u: huaiyuan },
    );
    const oldValue = old.data?.report.version.figures[0]?.value as number;

    const report = randomReport(4242, { organ: '淮源镇人民政府', year: 2025, version: '2021', scale: 20 });
    const text = Buffer.from(renderReport(report, 'text-cells', { publishedDate: '2026-01-20' }));
    await login(page, 'huaiyuan', 'gongkai-clerk');
    await page.click('[data-nav="submit"]');
    await page.setInputFiles('input[type="file"]', { name: '淮源镇2025.txt', mimeType: 'text/plain', buffer: text });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('.preview table.template');
    expect(await page.getAttribute('.preview', 'data-preview-year')).toBe('2025');
    await page.click('[data-action="submit"]');
    await page.waitForSelector('.submit-result[data-status="submitted"]');
    await screenshot(page, 'submit');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('.submit-result a');
    await page.waitForSelector('[data-status="submitted"]');
    expect(await page.locator('[data-action="accept"], [data-action="publish"]').count()).toBe(0);

    await page.click('.who button');
    await login(page, 'admin', 'gongkai-admin');
    await page.click('[data-action="accept"]');
    await page.waitForSelector('[data-action="publish"]');
    await page.click('[data-action="publish"]');
    await page.click('dialog[open] [data-action="dialog-submit"]');
    await page.waitForSelector('[data-status="published"]');
    await page.click('[data-nav="overview"]');
    await chartsReady(page, 6);
    const received = report.applications.newReceived?.total as number;
    expect(await cardValue(page, 'applications.received')).toBe(before - oldValue + received);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hostile URL parameters fall back to defaults', async () => {
    const { page, errors } = await open('/compare?county=99999&metric=%3Cscript%3Ealert(1)%3C/script%3E&year=abc&from=-1&units=1,x,%3Cb%3E&sort=__proto__');
    await chartsReady(page, 3);
    expect(await page.textContent('h1')).toContain('新收申请数');
    expect(await page.locator('table.ranking tbody tr').count()).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('log out revokes the token on the server, not only in this browser', async () => {
    const { page, errors } = await open('/');
    await login(page, 'viewer', 'gongkai-viewer');
    const token = (await page.evaluate(() => localStorage.getItem('gongkai.token'))) as string;
    const me = () => api.gql<{ me: { username: string } | null }>('{ me { username } }', {}, token);
    expect((await me()).data?.me?.username).toBe('viewer');
    await page.click('.who button');
    await page.waitForSelector('[data-action="show-login"]');
    expect(await page.evaluate(() => localStorage.getItem('gongkai.token'))).toBeNull();
    // A copy of the token (another tab, a leaked log) is dead too.
    expect((await me()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a file over the size limit gets a clear coded error, and the form keeps its state', async () => {
    const { page } = await open(`/submit?county=${county}`);
    await login(page, 'huaiyuan', 'gongkai-clerk');
    await page.setInputFiles('input[type="file"]', { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(4 * 1024 * 1024, 'a') });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('.state.error');
    expect(await page.textContent('.state.error')).toContain('TOO_LARGE');
    expect(await page.textContent('.file-name')).toContain('huge.txt');
    expect(await page.isEnabled('[data-action="submit"]')).toBe(true);
    await page.close();
  });
});
