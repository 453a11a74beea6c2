// The roll-up view in a real Chromium against the real API on the demo county.
import { readFileSync } from 'node:fs';
import { parseReport } from '@gongkai/report-parser';
import { cellPaths, getCell } from '@gongkai/report-template';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { axeSerious, login, screenshot, startDemoDashboard, watchErrors } from '../support/browser.js';

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

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${api.url}${path}`);
  await page.waitForSelector('.rollup table.template td.v').catch(async (e) => {
    await screenshot(page, 'rollup-failed');
    throw new Error(`${e.message}\n${errors.join('\n')}\n${(await page.textContent('main'))?.slice(0, 500)}`);
  });
  return { page, errors };
}

type Rollup = { dataVersion: string; data: Record<string, unknown>; included: { unit: { name: string } }[]; missing: { unit: { name: string } }[] };
const rollup = async (year: number) =>
  (
    await api.gql<{ rollupReport: Rollup }>(
      `{ rollupReport(scope: "${county}", year: ${year}) { dataVersion data included { unit { name } } missing { unit { name } } } }`,
    )
  ).data?.rollupReport as Rollup;

describe('roll-up view', () => {
  it('shows the compiled tables; a focused cell lists contributions that add up to it; Word download reads back', async () => {
    const { page, errors } = await open(`/rollup?county=${county}&year=2025`);
    const r = await rollup(2025);
    expect(await page.textContent('[data-testid="rollup-stamp"]')).toContain(`数据版本 ${r.dataVersion}`);
    // Every number shown is the API's.
    const shown = await page.$$eval('.rollup td.v', (tds) => tds.map((td) => [td.getAttribute('data-key'), td.textContent] as const));
    expect(shown.length).toBeGreaterThan(100);
    for (const [key, text] of shown) expect(Number(text)).toBe(getCell(r.data as never, key as string));
    // Keyboard focus on 本年新收·总计 lists each unit's contribution; they add up to the cell.
    const key = 'applications.newReceived.total';
    await page.focus(`.rollup td.v[data-key="${key}"]`);
    await page.waitForSelector(`[data-testid="cell-sources"][data-key="${key}"]`);
    const values = await page.$$eval('[data-testid="cell-sources"] tbody td[data-value]', (tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(values).toHaveLength(r.included.length);
    const cell = getCell(r.data as never, key) as number;
    expect(values.reduce((a, b) => a + b, 0)).toBe(cell);
    expect(Number(await page.textContent('[data-testid="cell-value"]'))).toBe(cell);
    expect(Number(await page.textContent('[data-testid="cell-sum"]'))).toBe(cell);
    // A click on another cell does the same; unit names link to their reports.
    await page.click('.rollup td.v[data-key="reviews.reconsideration.total"]');
    await page.waitForSelector('[data-testid="cell-sources"][data-key="reviews.reconsideration.total"]');
    expect(await page.getAttribute('[data-testid="cell-sources"] tbody a', 'href')).toMatch(/^\/report\?county=\d+&unit=\d+&year=2025/);
    // Missing units are listed.
    for (const m of r.missing) expect(await page.textContent('[data-testid="missing"]')).toContain(m.unit.name);
    expect(await page.textContent('[data-testid="prose"]')).toContain('收到政府信息公开申请');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="docx"]')]);
    const bytes = new Uint8Array(readFileSync((await download.path()) as string));
    const parsed = await parseReport(bytes, 'rollup.docx');
    expect(cellPaths('2021').filter((p) => getCell(parsed, p) !== getCell(r.data as never, p))).toEqual([]);

    await screenshot(page, 'rollup');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints on A4 with scope, year, data version and 口径 version, nothing cut, and the PDF reads back to the same numbers', async () => {
    const { page, errors } = await open(`/rollup?county=${county}&year=2025`);
    const r = await rollup(2025);
    await page.emulateMedia({ media: 'print' });
    // A4 landscape with 12 mm margins leaves 273 mm: no table may be wider than the page's text box.
    await page.setViewportSize({ width: Math.floor((273 / 25.4) * 96), height: 900 });
    const overflow = await page.$$eval(
      '.rollup table',
      (tables) =>
        tables.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 || t.scrollWidth > t.clientWidth + 1).length,
    );
    expect(overflow).toBe(0);
    expect(await page.isVisible('.rollup-cell')).toBe(false);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    const parsed = await parseReport(new Uint8Array(pdf), 'rollup.pdf');
    expect(parsed.year).toBe(2025);
    expect(cellPaths('2021').filter((p) => getCell(parsed, p) !== getCell(r.data as never, p))).toEqual([]);
    const text = Buffer.from(pdf).length;
    expect(text).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an admin freezes the roll-up after confirming; the frozen copy is listed with its download', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${api.url}/rollup?county=${county}&year=2025`);
    await login(page, 'admin', 'gongkai-admin');
    await page.waitForSelector('[data-action="freeze"]');
    await page.click('[data-action="freeze"]');
    expect(await page.textContent('[role="alertdialog"]')).toContain('确认冻结');
    await page.click('[data-action="freeze-confirm"]');
    await page.waitForSelector('[data-testid="frozen-done"]');
    await page.waitForSelector('.rollup-frozen a[download]');
    const href = (await page.getAttribute('.rollup-frozen a[download]', 'href')) as string;
    const res = await fetch(`${api.url}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-data-version')).toBe((await rollup(2025)).dataVersion);
    expect(errors).toEqual([]);
    await page.close();
  });
});
