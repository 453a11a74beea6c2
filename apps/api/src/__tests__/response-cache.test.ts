import { type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, seedSmallCounty } from '../../../../test/support/seed.js';
import { isPublishedOnly } from '../modules/analytics/published-response-cache.js';
import { acceptAndPublish, handReport as report, submitVersion } from './helpers.js';

const op = (q: string) => parse(q).definitions[0] as OperationDefinitionNode;

describe('which operations the published response cache may answer', () => {
  it('published-only analytics queries, nothing else', () => {
    expect(isPublishedOnly(op('{ metrics(metrics: ["a"]) { totalCount } metricsVersion }'), {})).toBe(true);
    expect(isPublishedOnly(op('{ ranking(metric: "a", year: 2024) { count } yoy(metric: "a", from: 1, to: 2) { change } }'), {})).toBe(true);
    expect(isPublishedOnly(op('{ metrics(metrics: ["a"], includeUnpublished: false) { totalCount } }'), {})).toBe(true);
    expect(isPublishedOnly(op('{ metrics(metrics: ["a"], includeUnpublished: true) { totalCount } }'), {})).toBe(false);
    const withVar = op('query($u: Boolean) { metrics(metrics: ["a"], includeUnpublished: $u) { totalCount } }');
    expect(isPublishedOnly(withVar, { u: true })).toBe(false);
    expect(isPublishedOnly(withVar, { u: false })).toBe(true);
    expect(isPublishedOnly(op('{ metrics(metrics: ["a"]) { totalCount } me { id } }'), {})).toBe(false);
    expect(isPublishedOnly(op('{ dataQuality(under: "1", year: 2024) { openFindings { rule } } }'), {})).toBe(false);
    expect(isPublishedOnly(op('{ ...F } fragment F on Query { metricsVersion }'), {})).toBe(false);
    expect(isPublishedOnly(op('mutation { login(username: "a", password: "b") { token } }'), {})).toBe(false);
  });
});

describe('published response cache over HTTP', () => {
  let api: TestApi;
  let ids: SmallCounty;
  let admin: string;
  const Q = 'query($u: ID!) { metrics(metrics: ["applications.received"], scope: { under: $u }, groupBy: [unit]) { edges { node { unit { name } value } } } }';
  const received = async (token?: string, unpublished = false) => {
    const r = await api.gql<{ metrics: { edges: { node: { unit: { name: string }; value: number } }[] } }>(
      unpublished
        ? 'query($u: ID!) { metrics(metrics: ["applications.received"], scope: { under: $u }, groupBy: [unit], includeUnpublished: true) { edges { node { unit { name } value } } } }'
        : Q,
      { u: String(ids.countyId) },
      token,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return Object.fromEntries(r.data.metrics.edges.map((e) => [e.node.unit.name, e.node.value]));
  };
  const submit = (unit: number, granted: number) => submitVersion(api, admin, unit, report('淮源镇人民政府', 2023, { granted }));
  const publish = (id: string) => acceptAndPublish(api, admin, id);

  beforeAll(async () => {
    api = await startTestApi();
    ids = await seedSmallCounty(api.server.app);
    admin = await api.login('admin', 'pw-admin');
    await publish(await submit(ids.huaiyuan, 5));
  });
  afterAll(() => api?.close());

  it('answers a repeated question the same, and a publication changes it at once', async () => {
    expect(await received()).toEqual({ 淮源镇: 5 });
    expect(await received()).toEqual({ 淮源镇: 5 });
    const v2 = await submit(ids.huaiyuan, 8);
    // Submitted, not published: the public answer stays, an admin asking for unpublished sees it.
    expect(await received()).toEqual({ 淮源镇: 5 });
    expect(await received(admin, true)).toEqual({ 淮源镇: 8 });
    await publish(v2);
    expect(await received()).toEqual({ 淮源镇: 8 });
  });

  it('a new unit is not hidden by a cached answer', async () => {
    const q = `{ jurisdiction(id: "${ids.countyId}") { id } }`;
    await api.gql(q);
    const yoy = `{ yoy(metric: "applications.received", from: 2022, to: 2023, under: "${ids.countyId}") { unit { name } } }`;
    const before = await api.gql<{ yoy: { unit: { name: string } }[] }>(yoy);
    await api.gql(`mutation { createJurisdiction(input: { name: "新设镇", kind: town, parentId: "${ids.countyId}" }) { id } }`, {}, admin);
    const after = await api.gql<{ yoy: { unit: { name: string } }[] }>(yoy);
    expect(after.errors).toBeUndefined();
    // Whatever yoy lists, it is computed afresh after the change (the data version moved).
    expect(after.data?.yoy.length).toBeGreaterThanOrEqual(before.data?.yoy.length ?? 0);
  });

  it('errors are not cached, and a huge question is answered but not kept', async () => {
    const bad = await api.gql('{ metrics(metrics: ["no.such.metric"]) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    // A 40 kB comment: a valid question whose cache key would be too big to keep.
    const r = await api.gql<{ metrics: { edges: unknown[] } }>(`# ${'x'.repeat(40_000)}\n${Q}`, { u: String(ids.countyId) });
    expect(r.errors).toBeUndefined();
    expect(r.data?.metrics.edges).toHaveLength(1);
  });
});
