// A clerk uploads the report as Word 97–2003 .doc, written by LibreOffice (a real producer): it is
// read through the same upload path as any file, blank cells stay blank, and the original comes
// back as application/msword.
import { randomReport, renderReport } from '@gongkai/report-render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
// @ts-expect-error plain ESM shared with bench/parse
import { sofficeConvert } from '../../../../test/support/producers.mjs';
import { loginAs, type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';

let api: TestApi;
let ids: SmallCounty;
let clerk: string;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  [clerk] = await loginAs(api, 'huaiyuan');
});
afterAll(() => api?.close());

describe('Word 97–2003 .doc upload', () => {
  it('is read, blanks kept, and kept as the original', async () => {
    const report = randomReport(2207, { organ: '淮源镇人民政府', year: 2022, version: '2021', scale: 5, blankRate: 0.3, blankLegalColumns: true });
    const [doc] = (await sofficeConvert([{ name: 'r.docx', data: renderReport(report, 'docx') }], 'doc')) as Uint8Array[];
    const res = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=${encodeURIComponent('淮源镇2022年报.doc')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/msword' },
      body: doc,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: true, version: 1, year: 2022 });

    const r = await api.gql<{ report: { version: { id: string; mediaType: string; data: typeof report; findings: { rule: string }[] } } }>(
      `{ report(jurisdictionId: "${ids.huaiyuan}", year: 2022) { version { id mediaType data findings { rule } } } }`,
      {},
      clerk,
    );
    const v = r.data?.report.version;
    expect(v?.mediaType).toBe('application/msword');
    expect(v?.data.applications).toEqual(report.applications);
    expect(v?.data.proactive).toEqual(report.proactive);
    expect(v?.data.reviews).toEqual(report.reviews);
    expect(v?.findings.filter((f) => f.rule.startsWith('parse.'))).toEqual([]);

    const file = await fetch(`${api.url}/api/versions/${v?.id}/file`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(file.headers.get('content-type')).toBe('application/msword');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(doc);
  });

  it('a damaged .doc is refused with its reason and stores nothing', async () => {
    const junk = new Uint8Array(4096);
    junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const res = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}&fileName=bad.doc`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/msword' },
      body: junk,
    });
    const body = (await res.json()) as { code: string; reason?: string; message: string };
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(body).toMatchObject({ code: 'UNREADABLE_REPORT', reason: 'input.brokenDoc' });
    expect(body.message).toMatch(/\.doc/);
    const r = await api.gql<{ report: unknown }>(`{ report(jurisdictionId: "${ids.huaiyuan}", year: 2023) { id } }`, {}, clerk);
    expect(r.data?.report ?? null).toBeNull();
  });
});
