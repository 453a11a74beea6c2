// GraphiQL from the product itself (issue 11 item 11): with every request outside the API
// blocked, the page loads, runs a query and shows the answer. Real Chromium, real API.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { launchBrowser, screenshot, watchErrors } from '../support/browser.js';

const webDir = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${webDir}/graphiql.html`)) throw new Error('apps/web/dist is missing GraphiQL: `npm test` builds it (npm run build)');
  api = await startTestApi({ webDir });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('GraphiQL, offline', () => {
  it('renders and runs a query with every outside request blocked', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const origin = new URL(api.url).origin;
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${api.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    await page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('metricsVersion'), null, { timeout: 20_000 });
    expect(await page.textContent('.result-window')).toMatch(/"metricsVersion":\s*"\d/);
    await screenshot(page, 'graphiql-offline');
    expect(outside).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    await context.close();
  });
});
