import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { axeSerious, type DemoDashboard, screenshot, startDemoDashboard, unitId, watchErrors, watchPending } from '../support/browser.js';

let api: TestApi;
let browser: Browser;
let county: string;
let huaiyuan: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  let units: DemoDashboard['units'];
  ({ api, browser, county, units } = await startDemoDashboard());
  huaiyuan = unitId(units, '淮源镇');
  tokens.admin = await api.login('admin', 'gongkai-admin');
  tokens.clerk = await api.login('huaiyuan', 'gongkai-clerk');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

interface ViewCase {
  name: string;
  path: () => string;
  who?: 'admin' | 'clerk';
  ready: (page: Page) => Promise<unknown>;
}

const charts = (n: number) => (page: Page) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-chart][data-ready="1"]').length >= n, n, { timeout: 20_000 });

const VIEW_CASES: ViewCase[] = [
  { name: 'overview', path: () => `/?county=${county}`, ready: charts(6) },
  { name: 'compare', path: () => `/compare?county=${county}&metric=rate.disclosure`, ready: charts(3) },
  { name: 'report', path: () => `/report?county=${county}&unit=${huaiyuan}&year=2023`, ready: (p) => p.waitForSelector('table.template td[data-key]') },
  { name: 'quality', path: () => `/quality?county=${county}&year=2024`, who: 'admin', ready: (p) => p.waitForSelector('table.status-matrix td[data-state]') },
  { name: 'submit', path: () => `/submit?county=${county}`, who: 'clerk', ready: (p) => p.waitForSelector('input[type="file"]') },
  { name: 'mine', path: () => `/mine?county=${county}`, who: 'clerk', ready: (p) => p.waitForSelector('table.my-reports tbody tr') },
  { name: 'analysts', path: () => `/analysts?county=${county}`, ready: (p) => p.waitForSelector('[data-example]') },
];

async function context(width: number, who?: 'admin' | 'clerk'): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  if (who) await ctx.addInitScript((t) => localStorage.setItem('gongkai.token', t), tokens[who] as string);
  return ctx;
}

describe('every view at 1366 and 768 px, in Chinese and English', () => {
  for (const lang of ['zh', 'en'] as const)
    for (const v of VIEW_CASES)
      it(`${v.name} (${lang}): no sideways scroll at 768 or 1366 px, no serious axe violations`, async () => {
        for (const width of [1366, 768]) {
          const ctx = await context(width, v.who);
          const page = await ctx.newPage();
          const errors = watchErrors(page);
          const pending = watchPending(page);
          await page.goto(`${api.url}${v.path()}${lang === 'en' ? '&lang=en' : ''}`);
          await v.ready(page).catch(async (e) => {
            throw new Error(
              `${v.name} (${lang}, ${width} px) never got ready: ${(await page.textContent('main'))?.slice(0, 300)}; unanswered: ${pending().join('; ') || 'none'}; page errors: ${errors.join(' | ') || 'none'}; ${e}`,
            );
          });
          if (v.who) await page.waitForSelector('.who');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          // Named in the failure: the outermost elements that reach past the window.
          const wide = await page.evaluate(() =>
            [...document.querySelectorAll('body *')]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest('[data-wide]'))
              .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
          );
          await screenshot(page, `${v.name}-${width}-${lang}`);
          expect(overflow, `${v.name} at ${width} px is ${overflow} px too wide: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
          if (width === 1366) expect(await axeSerious(page)).toEqual([]);
          expect(errors).toEqual([]);
          await ctx.close();
        }
      });
});
