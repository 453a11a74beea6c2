import { randomReport, renderReport } from '@gongkai/report-render';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.js';
import { type DemoDashboard, login, screenshot, startDemoDashboard, watchErrors } from '../support/browser.js';

let api: TestApi;
let browser: Browser;
let county: string;
let units: { id: string; name: string }[];
let admin: string;

interface OpenFinding {
  id: string;
  rule: string;
  decision: string;
  decisionReason: string | null;
}

async function findingsOf(year: number): Promise<{ unit: string; year: number; findings: OpenFinding[] }[]> {
  const r = await api.gql<{
    reports: { edges: { node: { year: number; unit: { id: string }; version: { findings: OpenFinding[] } } }[] };
  }>(
    'query($u: ID!, $y: Int!) { reports(under: $u, year: $y, first: 100) { edges { node { year unit { id } version { findings { id rule decision decisionReason } } } } } }',
    { u: county, y: year },
    admin,
  );
  return (r.data?.reports.edges ?? []).map(({ node }) => ({ unit: node.unit.id, year: node.year, findings: node.version.findings }));
}

async function submitAs(token: string, unit: { id: string; name: string }, year: number, seed: number): Promise<string> {
  const file = renderReport(randomReport(seed, { organ: `${unit.name}人民政府`, year, version: '2021', scale: 10 }), 'text-cells', {
    publishedDate: `${year + 1}-01-20`,
  });
  const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
    'mutation($i: SubmitReportInput!) { submitReport(input: $i) { report { version { id } } } }',
    { i: { jurisdictionId: unit.id, fileName: `${seed}.txt`, contentBase64: Buffer.from(file).toString('base64') } },
    token,
  );
  if (!s.data) throw new Error(JSON.stringify(s.errors));
  return s.data.submitReport.report.version.id;
}

beforeAll(async () => {
  let all: DemoDashboard['units'];
  ({ api, browser, county, units: all } = await startDemoDashboard());
  units = all.filter((c) => c.kind === 'town' || c.kind === 'township');
  admin = await api.login('admin', 'gongkai-admin');
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

const inDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));

describe('review in the dashboard', () => {
  it('/quality: dismiss asks for a reason, keeps focus in the dialog, returns it on cancel, and records the decision', async () => {
    const year = 2024;
    const before = (await findingsOf(year)).flatMap((r) => r.findings.filter((f) => f.decision === 'open'));
    expect(before.length).toBeGreaterThan(0);
    const { page, errors } = await open(`/quality?county=${county}&year=${year}`);
    await login(page, 'admin', 'gongkai-admin');
    const target = before[0] as OpenFinding;
    const row = `li[data-finding-id="${target.id}"]`;
    await page.waitForSelector(row);

    // Cancel with Escape: nothing changes and focus goes back to the button that opened the dialog.
    await page.focus(`${row} [data-action="dismiss-finding"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog[open]');
    expect(await inDialog(page)).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await inDialog(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    // Chromium closes a modal on Escape itself; focus comes back as the dialog leaves the page.
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.action === 'dismiss-finding', null, { timeout: 3000 });

    // Dismiss needs a reason: the button stays disabled until one is written.
    await page.click(`${row} [data-action="dismiss-finding"]`);
    await page.waitForSelector('dialog[open]');
    expect(await page.textContent('dialog[open] h2')).toBe('处理问题');
    expect(await page.isChecked('dialog[open] input[value="dismissed"]')).toBe(true);
    expect(await page.isDisabled('[data-action="dialog-submit"]')).toBe(true);
    await page.fill('dialog[open] textarea[name="reason"]', '   ');
    expect(await page.isDisabled('[data-action="dialog-submit"]')).toBe(true);
    await page.fill('dialog[open] textarea[name="reason"]', '该乡当年确无结转，经电话核实');
    await screenshot(page, 'review-dialog');
    await page.click('[data-action="dialog-submit"]');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    await page.waitForSelector(row, { state: 'detached' });

    const after = (await findingsOf(year)).flatMap((r) => r.findings).find((f) => f.id === target.id);
    expect(after).toMatchObject({ decision: 'dismissed', decisionReason: '该乡当年确无结转，经电话核实' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('publishing asks first; the versions say which is published and which superseded; /quality shows a published version with a newer one pending', async () => {
    const unit = units[0] as { id: string; name: string };
    const year = 2024;
    const status = await api.gql<{ report: { publishedVersionId: string | null } }>(
      'query($u: ID!) { report(jurisdictionId: $u, year: 2024) { publishedVersionId } }',
      { u: unit.id },
      admin,
    );
    const firstPublished = status.data?.report.publishedVersionId;
    expect(firstPublished).toBeTruthy();
    const v2 = await submitAs(admin, unit, year, 9101);
    await api.gql(`mutation { acceptReport(versionId: "${v2}") { status } }`, {}, admin);

    const { page, errors } = await open(`/quality?county=${county}&year=${year}`);
    await login(page, 'admin', 'gongkai-admin');
    await page.waitForSelector('[data-published-pending="1"]');
    expect(await page.textContent('[data-published-pending="1"]')).toContain('已发布旧版，新版待审');

    await page.goto(`${api.url}/report?county=${county}&unit=${unit.id}&year=${year}`);
    await page.waitForSelector('[data-action="publish"]');
    await page.click('[data-action="publish"]');
    await page.waitForSelector('dialog[open]');
    expect(await page.textContent('dialog[open]')).toContain('取代');
    await page.click('[data-action="dialog-cancel"]');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    const still = await api.gql<{ report: { publishedVersionId: string } }>(
      'query($u: ID!) { report(jurisdictionId: $u, year: 2024) { publishedVersionId } }',
      { u: unit.id },
      admin,
    );
    expect(still.data?.report.publishedVersionId).toBe(firstPublished);

    await page.click('[data-action="publish"]');
    await page.click('[data-action="dialog-submit"]');
    await page.waitForSelector('[data-status="published"]');
    await page.waitForSelector('[data-version-role="superseded"]');
    expect(await page.locator('[data-version-role="published"]').count()).toBe(1);
    expect(await page.textContent('ol.versions li:first-child')).toContain('现行发布版');
    await screenshot(page, 'review-versions');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every mutation in the UI shows what the server refused (a token revoked behind the page)', async () => {
    const unit = units[1] as { id: string; name: string };
    const v = await submitAs(admin, unit, 2024, 9202);
    const year = 2024;
    const { page } = await open(`/quality?county=${county}&year=${year}`);

    // Login with a wrong password.
    await page.click('[data-action="show-login"]');
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'wrong');
    await page.click('form.login button[type="submit"]');
    await page.waitForSelector('form.login .state.error');
    await page.click('[data-action="show-login"]');
    await login(page, 'admin', 'gongkai-admin');
    const token = (await page.evaluate(() => localStorage.getItem('gongkai.token'))) as string;
    const revoke = async () => {
      const t = (await page.evaluate(() => localStorage.getItem('gongkai.token'))) as string | null;
      if (t) await api.gql('mutation { logout }', {}, t);
    };
    await revoke();
    expect(token).toBeTruthy();

    // Deciding a finding on /quality.
    await page.waitForSelector('li[data-finding-id] [data-action="confirm-finding"]');
    await page.click('li[data-finding-id] [data-action="confirm-finding"]');
    await page.click('[data-action="dialog-submit"]');
    await page.waitForSelector('dialog[open] .state.error');
    expect(await page.textContent('dialog[open] .state.error')).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    await page.keyboard.press('Escape');

    // Accept, return and publish on /report, each with a fresh login revoked behind the page.
    const reportUrl = `${api.url}/report?county=${county}&unit=${unit.id}&year=${year}`;
    const relogin = async () => {
      await page.evaluate(() => localStorage.removeItem('gongkai.token'));
      await page.goto(reportUrl);
      await login(page, 'admin', 'gongkai-admin');
      await page.waitForSelector('[data-status]');
      await revoke();
    };
    await relogin();
    await page.click('[data-action="accept"]');
    await page.waitForSelector('.state.error');
    expect(await page.textContent('.state.error')).toMatch(/UNAUTHENTICATED|FORBIDDEN/);

    await relogin();
    await page.click('[data-action="return"]');
    await page.fill('dialog[open] textarea[name="reason"]', '表三缺行');
    await page.click('[data-action="dialog-submit"]');
    await page.waitForSelector('dialog[open] .state.error');

    await api.gql(`mutation { acceptReport(versionId: "${v}") { status } }`, {}, admin);
    await relogin();
    await page.click('[data-action="publish"]');
    await page.click('[data-action="dialog-submit"]');
    await page.waitForSelector('dialog[open] .state.error');
    await page.keyboard.press('Escape');

    // A finding decided on /report.
    await relogin();
    if (await page.locator('[data-action="confirm-finding"]').count()) {
      await page.click('[data-action="confirm-finding"]');
      await page.click('[data-action="dialog-submit"]');
      await page.waitForSelector('dialog[open] .state.error');
      await page.keyboard.press('Escape');
    }

    // Preview and submit on /submit as a clerk whose token is revoked.
    await page.evaluate(() => localStorage.removeItem('gongkai.token'));
    await page.goto(`${api.url}/submit?county=${county}`);
    await login(page, 'huaiyuan', 'gongkai-clerk');
    await revoke();
    await page.setInputFiles('input[type="file"]', { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('表二 一、本年新收政府信息公开申请数量 1') });
    await page.click('[data-action="preview"]');
    await page.waitForSelector('.state.error');
    expect(await page.textContent('.state.error')).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    await page.click('[data-action="submit"]');
    await page.waitForSelector('.state.error');
    expect(await page.textContent('.state.error')).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    await page.close();
  });
});
