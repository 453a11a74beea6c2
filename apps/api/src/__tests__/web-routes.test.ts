// The dashboard's views are its own (apps/web/src/state/url.ts): the server answers every other
// GET with its page, except its own prefixes and files, which stay 404s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, traversableTempDir } from '../../../../test/support/api.js';
import { VIEWS } from '../../../web/src/state/url.js';
import { isDashboardPath } from '../modules/web/web.controller.js';

let api: TestApi;
const PAGE = '<!doctype html><title>dashboard</title><div id="app"></div>';

beforeAll(async () => {
  const webDir = traversableTempDir('gongkai-web-');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), PAGE);
  writeFileSync(join(webDir, 'assets', 'app.js'), 'export {};');
  api = await startTestApi({ webDir });
});
afterAll(() => api?.close());

describe('dashboard routes', () => {
  it('every view of the dashboard, and a path it may add later, is its page', async () => {
    for (const view of [...VIEWS, 'a-view-added-later']) {
      const path = view === 'overview' ? '/?year=2024' : `/${view}?county=1`;
      const res = await fetch(`${api.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')?.split(';')[0], await res.text()]).toEqual([path, 200, 'text/html', PAGE]);
    }
  });

  it('assets are served; a missing asset and unknown server paths are 404s, not the page', async () => {
    expect(await (await fetch(`${api.url}/assets/app.js`)).text()).toBe('export {};');
    for (const path of ['/assets/missing.js', '/favicon.ico', '/api/nope', '/api/versions/x/y/z', '/health/nope']) {
      const res = await fetch(`${api.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toBe(PAGE);
    }
    // Real routes behind the catch-all still answer.
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const gql = await fetch(`${api.url}/graphql?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await gql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('isDashboardPath: views and future views yes; server prefixes and files no', () => {
    expect(['/', '', '/compare', '/compare/', '/some-new-view'].map(isDashboardPath)).toEqual([true, true, true, true, true]);
    expect(['/api/x', '/API/x', '/graphql', '/health', '/metrics', '/assets/a.js', '/robots.txt'].map(isDashboardPath)).toEqual(Array(7).fill(false));
  });
});
