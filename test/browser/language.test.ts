import { APPLICATION_ROWS, RULES } from '@gongkai/report-template';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { type DemoDashboard, screenshot, startDemoDashboard, unitId, watchErrors } from '../support/browser.js';

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

describe('language and keyboard', () => {
  it('English mode: findings in English from the rule registry, English row labels beside the Chinese, the language button named as it reads', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${api.url}/report?county=${county}&unit=${huaiyuan}&year=2023`);
    await page.waitForSelector('[data-finding]');
    // Chinese: the rule's Chinese name and severity, no raw English severity word.
    const zh = (await page.textContent('[data-finding]')) as string;
    const rule = (await page.getAttribute('[data-finding]', 'data-finding')) as keyof typeof RULES;
    expect(zh).toContain(RULES[rule].zh);
    expect(zh).toMatch(/警告|错误|提示/);
    expect(zh).not.toMatch(/\bwarning\b/);

    const button = page.locator('[data-action="switch-language"]');
    expect(await button.textContent()).toBe('English');
    expect(await button.evaluate((b) => b.getAttribute('aria-label'))).toBeNull();
    await button.click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('.en-label');
    const en = (await page.textContent('[data-finding]')) as string;
    expect(en).toContain(RULES[rule].en);
    expect(en).toMatch(/warning|error|note/);
    expect(en).not.toContain(RULES[rule].zh);
    expect(await page.textContent('[data-action="switch-language"]')).toBe('中文');
    const labels = await page.$$eval('table.template th', (ths) => ths.map((th) => th.textContent ?? ''));
    const row = APPLICATION_ROWS.find((d) => d.key === 'newReceived');
    expect(row).toBeTruthy();
    expect(labels.some((l) => l.includes(row?.label as string) && l.includes(row?.en as string))).toBe(true);
    await screenshot(page, 'report-english');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a number's source shows on keyboard focus, in a panel that is announced", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${api.url}/report?county=${county}&unit=${huaiyuan}&year=2023`);
    await page.waitForSelector('table.template td[data-key]');
    expect(await page.getAttribute('.source-panel', 'role')).toBe('status');
    // Tab from the last control before the tables until a number has focus.
    await page.focus('select[name="unit"]');
    let key: string | null = null;
    for (let i = 0; i < 40 && !key; i++) {
      await page.keyboard.press('Tab');
      key = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null);
    }
    expect(key).toBeTruthy();
    const source = (await page.getAttribute(`td[data-key="${key}"]`, 'data-source')) as string;
    expect(source).toBeTruthy();
    await page.waitForFunction((k) => document.querySelector('.source-panel')?.getAttribute('data-key') === k, key);
    expect(await page.textContent('.source-panel')).toContain(source);
    await page.close();
  });
});
