import type { CanonicalReport } from '@gongkai/report-template';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { acceptAndPublish, handReport, submitVersion } from './helpers.js';

let api: TestApi;
let ids: SmallCounty;
let admin: string;

async function publish(unitId: number, r: CanonicalReport, token = admin) {
  await acceptAndPublish(api, token, await submitVersion(api, token, unitId, r));
}

const Q = `query($u: ID!, $y: Int!) { dataQuality(under: $u, year: $y) {
  submissions { expected missing late returned missingUnits { name } }
  openFindings { rule severity count units }
  anomalies { kind unit { name } year otherUnit { name } otherYear metric value expected score message } } }`;
type Quality = {
  dataQuality: {
    submissions: { expected: number; missing: number } | null;
    openFindings: { rule: string; count: number }[];
    anomalies: { kind: string; unit: { name: string }; otherUnit: { name: string } | null; value: number | null; expected: number | null }[];
  };
};

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  admin = await api.login('admin', 'pw-admin');
  // 淮源镇: a quiet history (3–4 a year), then a spike of 40 in 2023.
  const words = '本年度我单位认真贯彻落实政府信息公开条例，持续加强政务公开标准化规范化建设，依申请公开办理规范及时，公开平台建设进一步完善。';
  for (const [year, n] of [
    [2019, 3],
    [2020, 4],
    [2021, 3],
    [2022, 4],
    [2023, 40],
  ] as const) {
    const r = handReport('淮源镇人民政府', year, { granted: n - 1, 'unavailable.notHeld': 1 });
    if (year === 2023) r.text.overview = words;
    await publish(ids.huaiyuan, r);
  }
  // 月河镇 2023 copies 淮源镇 2023's figures, and its overview word for word.
  const copy = handReport('淮源镇人民政府', 2023, { granted: 39, 'unavailable.notHeld': 1 });
  copy.organ = '月河镇人民政府';
  copy.text = { overview: words, problems: '淮源镇人民政府2023年存在的问题。', other: '无。' };
  await publish(ids.yuehe, copy);
  // 唐河县 (another county), clean: steady numbers, own words.
  const other = await api.login('otheradmin', 'pw-otheradmin');
  for (const [year, n] of [
    [2020, 2],
    [2021, 3],
    [2022, 4],
    [2023, 5],
  ] as const)
    await publish(ids.otherTown, handReport('城郊乡人民政府', year, { granted: n }), other);
});
afterAll(() => api?.close());

describe('data quality', () => {
  it('finds the planted spike and the planted copies', async () => {
    const r = await api.gql<Quality>(Q, { u: String(ids.countyId), y: 2023 }, admin);
    const a = r.data?.dataQuality.anomalies ?? [];
    expect(a.find((x) => x.kind === 'spike')).toMatchObject({ unit: { name: '淮源镇' }, value: 40, expected: 3.5 });
    const copies = a.filter((x) => x.kind === 'copiedFigures');
    expect(copies.map((x) => [x.unit.name, x.otherUnit?.name].sort())).toEqual([['月河镇', '淮源镇']]);
    expect(a.filter((x) => x.kind === 'copiedText').map((x) => [x.unit.name, x.otherUnit?.name].sort())).toEqual([['月河镇', '淮源镇']]);
    expect(r.data?.dataQuality.submissions).toMatchObject({ expected: 2, missing: 0 });
  });

  it('clean data gives no anomalies and no open findings', async () => {
    const r = await api.gql<Quality>(Q, { u: String(ids.otherCounty), y: 2023 });
    expect(r.data?.dataQuality).toMatchObject({ anomalies: [], openFindings: [], submissions: null });
  });

  it('continuity breaks and rule errors show up', async () => {
    const broken = handReport('月河镇人民政府', 2024, { granted: 5 });
    (broken.applications as Record<string, Record<string, number>>).processedTotal = {
      ...(broken.applications as Record<string, Record<string, number>>).processedTotal,
      naturalPerson: 7,
      total: 7,
    } as never;
    await publish(ids.yuehe, broken);
    const r = await api.gql<Quality>(Q, { u: String(ids.countyId), y: 2024 }, admin);
    expect(r.data?.dataQuality.openFindings.map((f) => f.rule)).toContain('applications.outcomeSum');
    const y2025 = handReport('月河镇人民政府', 2025, { granted: 1 });
    (y2025.applications as Record<string, Record<string, number>>).carriedOver.naturalPerson = 2;
    (y2025.applications as Record<string, Record<string, number>>).carriedOver.total = 2;
    (y2025.applications as Record<string, Record<string, number>>).newReceived.naturalPerson = 0;
    (y2025.applications as Record<string, Record<string, number>>).newReceived.total = 0;
    (y2025.applications as Record<string, Record<string, number>>).carriedForward.naturalPerson = 1;
    (y2025.applications as Record<string, Record<string, number>>).carriedForward.total = 1;
    await publish(ids.yuehe, y2025);
    const q = await api.gql<Quality>(Q, { u: String(ids.countyId), y: 2025 }, admin);
    expect(q.data?.dataQuality.anomalies.find((x) => x.kind === 'continuityBreak')).toMatchObject({ unit: { name: '月河镇' }, value: 2, expected: 0 });
  });
});
