import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApi, type TestApi } from './api.js';
// @ts-expect-error plain ESM shared with bench/web
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

const webDir = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

export interface DemoDashboard {
  api: TestApi;
  browser: Browser;
  /** The demo county 桐柏县 and its units. */
  county: string;
  units: { id: string; name: string; kind: string }[];
}

/** What every browser test starts from: the API serving the built dashboard over the demo county, and a browser. */
export async function startDemoDashboard(): Promise<DemoDashboard> {
  if (!existsSync(`${webDir}/index.html`)) throw new Error('apps/web/dist is missing: `npm test` builds it (npm run build)');
  const api = await startTestApi({ seedDemo: true, webDir });
  const browser = await launchBrowser();
  const r = await api.gql<{ jurisdiction: { id: string; children: { id: string; name: string; kind: string }[] } }>(
    '{ jurisdiction(code: "411330") { id children { id name kind } } }',
  );
  return { api, browser, county: r.data?.jurisdiction.id as string, units: r.data?.jurisdiction.children ?? [] };
}

/** A demo unit's id by name. */
export function unitId(units: DemoDashboard['units'], name: string): string {
  const id = units.find((u) => u.name === name)?.id;
  if (!id) throw new Error(`no demo unit ${name}`);
  return id;
}

/** Console errors and uncaught exceptions of a page, for "no console errors" checks. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Requests the page has sent and not yet seen answered, with how long each has waited: named when a view never gets ready. */
export function watchPending(page: Page): () => string[] {
  const open = new Map<object, { what: string; at: number }>();
  page.on('request', (r) =>
    open.set(r, { what: `${r.method()} ${r.url().replace(/^https?:\/\/[^/]+/, '')} ${(r.postData() ?? '').slice(0, 80)}`, at: Date.now() }),
  );
  const done = (r: object) => open.delete(r);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => [...open.values()].map((o) => `${o.what} (${Date.now() - o.at} ms)`);
}

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Logs in through the dashboard's own form. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.click('[data-action="show-login"]');
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('form.login button[type="submit"]');
  await page.waitForSelector('.who');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical WCAG 2.1 AA violations on the page, as `rule: targets` lines. */
export async function axeSerious(page: Page): Promise<string[]> {
  // Evaluated by the test driver, not as a page script: the dashboard's CSP allows no inline script.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
