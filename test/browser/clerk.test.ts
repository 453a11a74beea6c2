import { randomReport, renderReport } from '@gongkai/report-render';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { type DemoDashboard, login, screenshot, startDemoDashboard, unitId, watchErrors } from '../support/browser.js';

let api: TestApi;
let browser: Browser;
let county: string;
let huaiyuan: string;

const reportFile = (organ: string, year: number, seed: number) =>
  Buffer.from(renderReport(randomReport(seed, { organ, year, version: '2021', scale: 10 }), 'text-cells', { publishedDate: `${year + 1}-01-20` }));

beforeAll(async () => {
  let units: DemoDashboard['units'];
  ({ api, browser, county, units } = await startDemoDashboard());
  huaiyuan = unitId(units, '淮源镇');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${api.url}${path}`);
  return { page, errors };
}

describe("the clerk's desk", () => {
  it('我的报告 lists the unit × years with status, deadline, findings and the return reason', async () => {
    const clerk = await api.login('huaiyuan', 'gongkai-clerk');
    const admin = await api.login('admin', 'gongkai-admin');
    const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
      'mutation($i: SubmitReportInput!) { submitReport(input: $i) { report { version { id } } } }',
      { i: { jurisdictionId: huaiyuan, fileName: 'h2024.txt', contentBase64: reportFile('淮源镇人民政府', 2024, 77).toString('base64') } },
      clerk,
    );
    const id = s.data?.submitReport.report.version.id as string;
    const ret = await api.gql(`mutation { returnReport(versionId: "${id}", reason: "表三第(一)行与正文不符，请核对") { status } }`, {}, admin);
    expect(ret.errors).toBeUndefined();

    const { page, errors } = await open(`/?county=${county}`);
    expect(await page.locator('[data-nav="mine"]').count()).toBe(0);
    await login(page, 'huaiyuan', 'gongkai-clerk');
    await page.click('[data-nav="mine"]');
    await page.waitForSelector('table.my-reports tbody tr');
    const years = await page.$$eval('table.my-reports tbody tr', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.year)));
    expect(years.length).toBeGreaterThanOrEqual(7);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const row = 'table.my-reports tr[data-year="2024"]';
    expect(await page.getAttribute(row, 'data-state')).toBe('returned');
    const text = (await page.textContent(row)) as string;
    expect(text).toContain('已退回');
    expect(text).toContain('表三第(一)行与正文不符，请核对');
    expect(text).toContain('2025');
    expect(text).toContain('已发布旧版，新版待审');
    expect(await page.locator(`${row} a[href^="/submit"]`).count()).toBe(1);
    await screenshot(page, 'mine');

    // Only the clerk's own unit: the API refuses the desk to anyone else.
    const other = await api.gql('{ myReports { year } }', {}, admin);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a clerk with a saved login opening 我的报告 sees it load, never the signed-out text first, even when `me` answers last', async () => {
    const token = await api.login('huaiyuan', 'gongkai-clerk');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript((t) => {
      localStorage.setItem('gongkai.token', t);
      // Every text main ever shows, from the first paint on.
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const m = document.querySelector('main');
        if (m && seen[seen.length - 1] !== m.textContent) seen.push(m.textContent ?? '');
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, token);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    // `me` held back until everything else has answered: the slow case of a busy server.
    await page.route('**/graphql', async (route) => {
      if (/query Me\b/.test(route.request().postData() ?? '')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(`${api.url}/mine?county=${county}`);
    await page.waitForSelector('table.my-reports tbody tr');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.filter((t) => t.includes('办事员身份登录'))).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a saved login the server refuses (revoked) is said, in the page, not only shown as signed out', async () => {
    const token = await api.login('huaiyuan', 'gongkai-clerk');
    await api.gql('mutation { logout }', {}, token);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript((t) => localStorage.setItem('gongkai.token', t), token);
    const page = await ctx.newPage();
    await page.goto(`${api.url}/mine?county=${county}`);
    await page.waitForSelector('[data-state="login-lost"]');
    expect(await page.textContent('[role="alert"]')).toContain('登录已失效');
    expect(await page.evaluate(() => localStorage.getItem('gongkai.token'))).toBeNull();
    // Logging in again clears it.
    await login(page, 'huaiyuan', 'gongkai-clerk');
    expect(await page.locator('[data-state="login-lost"]').count()).toBe(0);
    await ctx.close();
  });

  it('a question the server never answers ends in a timeout the clerk can retry, not "Loading…" for ever', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.clock.install();
    const token = await api.login('huaiyuan', 'gongkai-clerk');
    await page.addInitScript((t) => localStorage.setItem('gongkai.token', t), token);
    let hold = true;
    let held = 0;
    await page.route('**/graphql', async (route) => {
      if (hold && route.request().postData()?.includes('myReports')) {
        held++;
        return; // never answered
      }
      await route.continue();
    });
    await page.goto(`${api.url}/mine?county=${county}`);
    await page.waitForSelector('.who');
    await expect.poll(() => held).toBe(1);
    expect(await page.textContent('main')).toContain('加载中');
    await page.clock.fastForward(61_000);
    await page.waitForSelector('.state.error[data-code="TIMEOUT"]');
    expect(await page.textContent('.state.error')).toContain('服务器长时间没有回应');
    hold = false;
    await page.click('.state.error button');
    await page.waitForSelector('table.my-reports tbody tr');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('/submit preview names the unit and year it will be filed under, and the verdict on a title naming another body; busy while working', async () => {
    const { page, errors } = await open(`/submit?county=${county}`);
    await login(page, 'huaiyuan', 'gongkai-clerk');
    await page.setInputFiles('input[type="file"]', { name: 'h.txt', mimeType: 'text/plain', buffer: reportFile('淮源镇人民政府', 2023, 5) });
    // Hold the request back so the busy state can be seen.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('validateReportFile')) await held;
      await route.continue();
    });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('[data-action="preview"][aria-busy="true"]');
    expect(await page.textContent('.actions [role="status"]')).toContain('正在读取文件');
    expect(await page.isDisabled('[data-action="submit"]')).toBe(true);
    release();
    await page.waitForSelector('.preview .filed-under');
    expect(await page.textContent('.preview .filed-under')).toContain('淮源镇 · 2023 年度');
    expect(await page.getAttribute('.preview .unit-verdict', 'data-verdict')).toBe('ok');

    // Another body's report: the verdict says so, and nothing is filed.
    await page.setInputFiles('input[type="file"]', { name: 'y.txt', mimeType: 'text/plain', buffer: reportFile('月河镇人民政府', 2023, 6) });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('[data-verdict="wrong-unit"]');
    expect(await page.textContent('[data-verdict="wrong-unit"]')).toContain('淮源镇');
    expect(await page.textContent('.state.error')).toContain('WRONG_UNIT');
    await screenshot(page, 'submit-wrong-unit');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });

  it('an image-only PDF and random bytes get plain, actionable messages, in Chinese and English', async () => {
    // A PDF whose only content is a picture of a table: what a scanned report is.
    const maker = await browser.newPage();
    await maker.setContent('<canvas id="c" width="600" height="300"></canvas>');
    await maker.evaluate(() => {
      const c = (document.getElementById('c') as HTMLCanvasElement).getContext('2d') as CanvasRenderingContext2D;
      c.font = '24px sans-serif';
      c.fillText('淮源镇人民政府2023年政府信息公开工作年度报告', 10, 40);
      for (let i = 0; i < 6; i++) c.strokeRect(10, 60 + i * 35, 560, 35);
      // As a bitmap: a canvas printed as is may keep its text as vector text.
      const img = document.createElement('img');
      img.src = (document.getElementById('c') as HTMLCanvasElement).toDataURL('image/png');
      document.body.replaceChildren(img);
      return img.decode();
    });
    const scanned = await maker.pdf({ format: 'A4' });
    await maker.close();
    let x = 12345;
    const noise = Buffer.from(Array.from({ length: 4000 }, () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff));

    const { page } = await open(`/submit?county=${county}`);
    await login(page, 'huaiyuan', 'gongkai-clerk');
    const attempt = async (name: string, buffer: Buffer) => {
      await page.setInputFiles('input[type="file"]', { name, mimeType: 'application/octet-stream', buffer });
      await page.click('[data-action="preview"]');
      await page.waitForSelector('.state.error');
      return { reason: await page.getAttribute('.state.error', 'data-reason'), text: (await page.textContent('.state.error')) as string };
    };
    const pdf = await attempt('scan.pdf', scanned);
    expect(pdf.reason).toBe('input.imagesOnly');
    expect(pdf.text).toContain('没有文字层的 PDF');
    expect(pdf.text).toContain('Word 版或网页版');
    await screenshot(page, 'submit-images-only');
    const bytes = await attempt('report.txt', noise);
    expect(bytes.reason).toBe('input.binary');
    expect(bytes.text).toContain('不是网页、Word（.docx 或 .doc）、PDF 或文本文件');
    // An Office file header on junk: a damaged Word 97–2003 file, named as such.
    const doc = await attempt('report.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise]));
    expect(doc.reason).toBe('input.brokenDoc');
    expect(doc.text).toContain('另存为 .docx');

    await page.click('button[lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('[data-action="preview"]');
    const en = await attempt('scan.pdf', scanned);
    expect(en.text).toContain('This PDF has no text layer');
    expect(en.text).toContain('Submit the Word or web version');
    await page.close();
  });
});
