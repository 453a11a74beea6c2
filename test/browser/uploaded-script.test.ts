// Issue 10, finding 6: script in an uploaded report never runs in the dashboard's origin.
// A hostile HTML report goes through the dashboard (preview, submit, report view, original file,
// publication, every view, anonymous and logged in); its script would set window.__pwned and call
// /__xss with the login token. Neither may ever happen.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomReport, renderReport } from '@gongkai/report-render';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { launchBrowser, login, screenshot, watchErrors } from '../support/browser.js';
import { type SmallCounty, startSmallCounty } from '../support/seed.js';

const webDir = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
const call = (tag: string) => `fetch('/__xss?${tag}&t='+localStorage.getItem('gongkai.token'))`;

/** A real report of 淮源镇 2024 with script in the head, an attribute, a link, table cells and the text. */
function hostileReport(): Uint8Array {
  let s = new TextDecoder().decode(renderReport(randomReport(7, { organ: '淮源镇人民政府', year: 2024, version: '2021', scale: 5 }), 'html'));
  const swap = (from: string | RegExp, to: string) => {
    const next = s.replace(from, to);
    if (next === s) throw new Error(`hostile report: ${from} not found`);
    s = next;
  };
  swap('</title>', `</title><script>window.__pwned='head';${call('head')}</script>`);
  swap(/(<h1>.*?<\/h1>)/, `$1<img src="x" onerror="window.__pwned='onerror';${call('onerror')}"><a id="js" href="javascript:${call('jslink')}">原文</a>`);
  swap('认真贯彻', `认真贯彻&lt;script&gt;window.__pwned='text';${call('text')}&lt;/script&gt;`);
  swap('<tr><td>规章</td><td>0</td>', `<tr><td>规章<script>${call('cell-script')}</script></td><td>0<img src=x onerror="${call('cell-img')}"></td>`);
  swap(/(<td>行政许可<\/td><td colspan="3">)(\d+)/, `$1$2（注：&lt;img src=x onerror=${call('cell-note')}&gt;）`);
  return new TextEncoder().encode(s);
}

const FILE_NAME = `<img src=x onerror=${call('name')}>淮源镇2024.html`;

let api: TestApi;
let ids: SmallCounty;
let browser: Browser;
const hits: string[] = [];
const popups: string[] = [];
const dialogs: string[] = [];
const bytes = hostileReport();

beforeAll(async () => {
  if (!existsSync(`${webDir}/index.html`)) throw new Error('apps/web/dist is missing: `npm test` builds it (npm run build)');
  ({ api, ids } = await startSmallCounty({ webDir }));
  // A published year, so the dashboard offers 2024.
  const admin = await api.login('admin', 'pw-admin');
  const file = renderReport(randomReport(8, { organ: '月河镇人民政府', year: 2024, version: '2021', scale: 5 }), 'html');
  const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
    'mutation($i: SubmitReportInput!) { submitReport(input: $i) { report { version { id } } } }',
    { i: { jurisdictionId: String(ids.yuehe), fileName: 'y.html', contentBase64: Buffer.from(file).toString('base64') } },
    admin,
  );
  const id = s.data?.submitReport.report.version.id;
  await api.gql(`mutation { acceptReport(versionId: "${id}") { status } }`, {}, admin);
  await api.gql(`mutation { publishReport(versionId: "${id}") { status } }`, {}, admin);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A browser context that records every marker request, new tab and dialog. */
async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.route('**/__xss*', (route) => {
    hits.push(route.request().url());
    return route.fulfill({ status: 204 });
  });
  context.on('page', (p) => {
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    if (context.pages().length > 1) popups.push(p.url());
  });
  return context;
}

async function clean(page: Page, where: string) {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    injectedImages: document.querySelectorAll('img[src="x"]').length,
  }));
  expect([where, state]).toEqual([where, { pwned: null, inlineScripts: 0, jsLinks: 0, injectedImages: 0 }]);
  expect([where, hits, dialogs, popups]).toEqual([where, [], [], []]);
}

describe('a hostile HTML report in the dashboard', () => {
  let reportUrl: string;
  let versionId: string;

  it('clerk: preview, submit, report view and the original file — nothing runs, the token stays put', async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${api.url}/submit?county=${ids.countyId}&year=2024`);
    await login(page, 'huaiyuan', 'pw-huaiyuan');
    await page.setInputFiles('input[type="file"]', { name: FILE_NAME, mimeType: 'text/html', buffer: Buffer.from(bytes) });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('.preview table.template');
    // The hostile cell note is shown, as text.
    expect(await page.textContent('.preview .findings')).toContain('<img src=x onerror=');
    await clean(page, 'preview');
    await page.click('[data-action="submit"]');
    await page.waitForSelector('.submit-result[data-status="submitted"]');
    await clean(page, 'submitted');
    await page.click('.submit-result a');
    await page.waitForSelector('table.template td[data-key]');
    reportUrl = page.url();
    await page.hover('td[data-key="proactive.licensing"]');
    await clean(page, 'report view');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-original"]')]);
    const saved = readFileSync((await download.path()) as string);
    expect(Buffer.compare(saved, Buffer.from(bytes))).toBe(0);
    expect(download.suggestedFilename()).not.toContain('<');
    await page.waitForTimeout(500); // a tab or a script would have shown itself by now
    expect(context.pages()).toHaveLength(1);
    await clean(page, 'after downloading the original');
    await screenshot(page, 'hostile-report');
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    const token = await page.evaluate(() => localStorage.getItem('gongkai.token'));
    expect(token?.length).toBeGreaterThan(20);
    versionId = (
      await api.gql<{ report: { version: { id: string } } }>(
        `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2024) { version { id } } }`,
        {},
        await api.login('admin', 'pw-admin'),
      )
    ).data?.report.version.id as string;
    await context.close();
  });

  it('admin: accept and publish it, then every view, logged in and anonymous', async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    await page.goto(reportUrl);
    await login(page, 'admin', 'pw-admin');
    await page.click('[data-action="accept"]');
    await page.waitForSelector('[data-action="publish"]');
    await page.click('[data-action="publish"]');
    await page.click('dialog[open] [data-action="dialog-submit"]');
    await page.waitForSelector('[data-status="published"]');
    await clean(page, 'published');
    const views = [
      `/?county=${ids.countyId}&year=2024`,
      `/compare?county=${ids.countyId}&year=2024`,
      `/report?county=${ids.countyId}&unit=${ids.huaiyuan}&year=2024`,
      `/quality?county=${ids.countyId}&year=2024`,
      `/submit?county=${ids.countyId}&year=2024`,
      `/mine?county=${ids.countyId}&year=2024`,
      `/analysts?county=${ids.countyId}&year=2024`,
    ];
    for (const path of views) {
      await page.goto(`${api.url}${path}`, { waitUntil: 'networkidle' });
      await clean(page, `admin ${path}`);
    }
    const anonymous = await watchedContext();
    const anon = await anonymous.newPage();
    for (const path of views) {
      await anon.goto(`${api.url}${path}`, { waitUntil: 'networkidle' });
      await clean(anon, `anonymous ${path}`);
    }
    // The published original, downloaded by a reader who is not logged in.
    await anon.goto(`${api.url}/report?county=${ids.countyId}&unit=${ids.huaiyuan}&year=2024`);
    await anon.waitForSelector('[data-action="download-original"]');
    const [download] = await Promise.all([anon.waitForEvent('download'), anon.click('[data-action="download-original"]')]);
    expect(Buffer.compare(readFileSync((await download.path()) as string), Buffer.from(bytes))).toBe(0);
    await clean(anon, 'anonymous download');
    await anonymous.close();
    await context.close();
  });

  it('the file address opened in a tab downloads, never renders', async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    const downloading = page.waitForEvent('download');
    const opened = await page.goto(`${api.url}/api/versions/${versionId}/file`).catch((e: Error) => e);
    expect(String(opened)).toMatch(/Download is starting|net::ERR_ABORTED/);
    expect(Buffer.compare(readFileSync((await (await downloading).path()) as string), Buffer.from(bytes))).toBe(0);
    await page.waitForTimeout(500);
    expect([hits, dialogs]).toEqual([[], []]);
    const res = await fetch(`${api.url}/api/versions/${versionId}/file`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    await context.close();
  });
});
