// Issue 10, finding 6: the usual security headers, a CSP the dashboard lives with, and uploaded
// files sent back as sandboxed attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { reportFile, SUBMIT } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
});
afterAll(() => api?.close());

const csp = (h: Headers) => Object.fromEntries((h.get('content-security-policy') ?? '').split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
  it('pages and API answers: CSP without inline script, nosniff, no framing, no referrer, no x-powered-by', async () => {
    for (const path of ['/', '/report', '/health', '/graphql?query=%7B__typename%7D', '/api/export/reports.csv?under=1']) {
      const res = await fetch(`${api.url}${path}`);
      const h = res.headers;
      expect([path, h.get('x-content-type-options'), h.get('x-frame-options'), h.get('referrer-policy'), h.get('x-powered-by')]).toEqual([
        path,
        'nosniff',
        'DENY',
        'no-referrer',
        null,
      ]);
      const p = csp(h);
      expect([path, p['script-src'], p['script-src-attr'], p['object-src'], p['frame-ancestors']]).toEqual([
        path,
        ["'self'"],
        ["'none'"],
        ["'none'"],
        ["'none'"],
      ]);
      expect(p['upgrade-insecure-requests']).toBeUndefined();
    }
  });

  it('GraphiQL’s page is under the dashboard’s policy: no CDN, no inline script', async () => {
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('GraphQL');
    expect(csp(page.headers)['script-src']).toEqual(["'self'"]);
    expect(page.headers.get('content-security-policy')).not.toContain('unpkg');
    // A query by GET still reaches the API.
    const q = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ metricsVersion }')}`, {
      headers: { accept: 'text/html, application/json', 'apollo-require-preflight': '1' },
    });
    expect(((await q.json()) as { data?: { metricsVersion?: string } }).data?.metricsVersion).toBeTruthy();
  });

  it('an uploaded HTML file comes back as a sandboxed attachment that is never sniffed', async () => {
    const clerk = await api.login('huaiyuan', 'pw-huaiyuan');
    const s = await api.gql<{ submitReport: { report: { version: { id: string } } } }>(
      SUBMIT,
      { input: { jurisdictionId: String(ids.huaiyuan), fileName: '报告"; x.html', contentBase64: reportFile('淮源镇人民政府', 2023).base64 } },
      clerk,
    );
    const id = s.data?.submitReport.report.version.id;
    const res = await fetch(`${api.url}/api/versions/${id}/file`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="___ x.html"; filename*=UTF-8''${encodeURIComponent('报告; x.html')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csp(res.headers).sandbox).toEqual([]);
    expect(csp(res.headers)['default-src']).toEqual(["'none'"]);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});
