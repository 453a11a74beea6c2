import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { isPublishedOnly } from '../modules/published/published-response-cache.js';
import { acceptAndPublish, handReport as report, submitVersion } from './helpers.js';

const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../../../schema.gql'), 'utf8'));
const op = (q: string) => parse(q).definitions[0] as OperationDefinitionNode;
const isPublished = (o: OperationDefinitionNode, v: Record<string, unknown> | undefined) => isPublishedOnly(schema, o, v);

describe('which operations the published response cache may answer', () => {
  it('published-only analytics queries, nothing else', () => {
    expect(isPublished(op('{ metrics(metrics: ["a"]) { totalCount } metricsVersion }'), {})).toBe(true);
    expect(isPublished(op('{ ranking(metric: "a", year: 2024) { count } yoy(metric: "a", from: 1, to: 2) { change } }'), {})).toBe(true);
    expect(isPublished(op('{ metrics(metrics: ["a"], includeUnpublished: false) { totalCount } }'), {})).toBe(true);
    expect(isPublished(op('{ metrics(metrics: ["a"], includeUnpublished: true) { totalCount } }'), {})).toBe(false);
    const withVar = op('query($u: Boolean) { metrics(metrics: ["a"], includeUnpublished: $u) { totalCount } }');
    expect(isPublished(withVar, { u: true })).toBe(false);
    expect(isPublished(withVar, { u: false })).toBe(true);
    expect(isPublished(op('{ metrics(metrics: ["a"]) { totalCount } me { id } }'), {})).toBe(false);
    expect(isPublished(op('{ dataQuality(under: "1", year: 2024) { openFindings { rule } } }'), {})).toBe(false);
    expect(isPublished(op('{ ...F } fragment F on Query { metricsVersion }'), {})).toBe(false);
    expect(isPublished(op('mutation { login(username: "a", password: "b") { token } }'), {})).toBe(false);
  });
  it('judged on the coerced arguments: variable defaults count, a missing variable takes its default', () => {
    const withDefault = op('query($u: Boolean = true) { metrics(metrics: ["a"], includeUnpublished: $u) { totalCount } }');
    expect(isPublished(withDefault, undefined)).toBe(false);
    expect(isPublished(withDefault, {})).toBe(false);
    expect(isPublished(withDefault, { u: false })).toBe(true);
    const falseDefault = op('query($u: Boolean = false) { metrics(metrics: ["a"], includeUnpublished: $u) { totalCount } }');
    expect(isPublished(falseDefault, {})).toBe(true);
    expect(isPublished(falseDefault, { u: true })).toBe(false);
    expect(isPublished(falseDefault, { u: 'yes' })).toBe(false); // does not coerce: execution says why
    expect(isPublished(op('query($u: Boolean) { metrics(metrics: ["a"], includeUnpublished: $u) { totalCount } }'), { u: null })).toBe(true);
    // Aliases and repeated fields are judged one by one.
    expect(isPublished(op('{ a: metrics(metrics: ["a"]) { totalCount } b: metrics(metrics: ["a"], includeUnpublished: true) { totalCount } }'), {})).toBe(
      false,
    );
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
    ({ api, ids } = await startSmallCounty());
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

describe('the cache never hands unpublished figures to anyone (issue 10, finding 5)', () => {
  let api: TestApi;
  let ids: SmallCounty;
  let admin: string;
  let roles: [string, string | null][];
  const FIELDS = 'edges { node { unit { name } value } }';
  const metrics = (args: string) => `metrics(metrics: ["applications.received"], scope: { under: "$COUNTY" }, groupBy: [unit]${args}) { ${FIELDS} }`;
  /** One question, asked four ways: published, and unpublished by variable default, by literal, by variables. */
  let docs: { name: string; query: string; variables?: Record<string, unknown> }[];

  const ask = async (d: { query: string; variables?: Record<string, unknown> }, token: string | null) => {
    // Sent exactly as given: no `variables` key at all when there are none (the reported leak).
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(d.variables ? { query: d.query, variables: d.variables } : { query: d.query }),
    });
    return (await res.json()) as { data?: { metrics: { edges: { node: { value: number } }[] } }; errors?: { extensions?: { code?: string } }[] };
  };
  const value = (r: Awaited<ReturnType<typeof ask>>) => r.data?.metrics.edges[0]?.node.value;

  beforeAll(async () => {
    ({ api, ids } = await startSmallCounty());
    admin = await api.login('admin', 'pw-admin');
    // Published: 5 applications. Submitted, not published: 8.
    await acceptAndPublish(api, admin, await submitVersion(api, admin, ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 5 })));
    await submitVersion(api, admin, ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 8 }));
    const m = (args: string) => metrics(args).replace('$COUNTY', String(ids.countyId));
    docs = [
      { name: 'published', query: `{ ${m('')} }` },
      { name: 'variable default', query: `query($u: Boolean = true) { ${m(', includeUnpublished: $u')} }` },
      { name: 'literal', query: `{ ${m(', includeUnpublished: true')} }` },
      { name: 'variables', query: `query($u: Boolean) { ${m(', includeUnpublished: $u')} }`, variables: { u: true } },
      { name: 'false default overridden', query: `query($u: Boolean = false) { ${m(', includeUnpublished: $u')} }`, variables: { u: true } },
    ];
    roles = [
      ['anonymous', null],
      ['viewer', await api.login('viewer', 'pw-viewer')],
      ['analyst', await api.login('analyst', 'pw-analyst')],
      ['clerk', await api.login('huaiyuan', 'pw-huaiyuan')],
      ['other county admin', await api.login('otheradmin', 'pw-otheradmin')],
      ['garbage token', 'garbage.token.value'],
    ];
  });
  afterAll(() => api?.close());

  it('an admin asks first for unpublished numbers every way; every other role then asks the same', async () => {
    expect(value(await ask(docs[0] as never, admin))).toBe(5);
    for (const d of docs.slice(1)) expect([d.name, value(await ask(d, admin))]).toEqual([d.name, 8]);
    for (const [role, token] of roles) {
      for (const d of docs) {
        const r = await ask(d, token);
        expect(JSON.stringify(r).includes('"value":8'), `${role} / ${d.name}: ${JSON.stringify(r)}`).toBe(false);
        if (role === 'garbage token') expect([role, d.name, r.errors?.[0]?.extensions?.code]).toEqual([role, d.name, 'UNAUTHENTICATED']);
        else if (d.name === 'published') expect([role, value(r)]).toEqual([role, 5]);
        else expect([role, d.name, r.errors?.[0]?.extensions?.code]).toEqual([role, d.name, 'FORBIDDEN']);
      }
    }
    // And the admin still gets fresh unpublished numbers, whoever asked before.
    for (const d of docs.slice(1)) expect([d.name, value(await ask(d, admin))]).toEqual([d.name, 8]);
  });

  it('published answers are served from the cache, to every valid role, and a garbage token is refused before the cache', async () => {
    const d = docs[0] as { query: string };
    expect(value(await ask(d, null))).toBe(5);
    // Now cached: every valid role gets it, a garbage token gets its error, not the cached answer.
    for (const [role, token] of roles) {
      const r = await ask(d, token);
      if (role === 'garbage token') expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      else expect([role, value(r)]).toEqual([role, 5]);
    }
    expect(value(await ask(d, admin))).toBe(5);
  });
});
