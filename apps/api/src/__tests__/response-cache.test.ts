import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import { DataVersionService } from '../modules/published/data-version.js';
import { isPublishedOnly } from '../modules/published/published-response-cache.js';
import { Metrics } from '../observability/metrics.js';
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

describe('repeated published questions answered before Apollo (ADR 0007)', () => {
  let api: TestApi;
  let ids: SmallCounty;
  let admin: string;
  let hits: number;
  const FIELDS = 'edges { node { unit { name } value } }';
  let query: string;
  let unpublished: string;
  type Answer = {
    status: number;
    type: string | null;
    headers: Record<string, string>;
    body: string;
    json: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };
  /** Every header but the ones that differ per request (the date and the request id). */
  const read = async (res: Response): Promise<Answer> => {
    const body = await res.text();
    const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'x-request-id'));
    return { status: res.status, type: res.headers.get('content-type'), headers, body, json: JSON.parse(body) };
  };
  let pendingVersion: string;
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    read(await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
  const get = async (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
    read(await fetch(`${api.url}/graphql?${new URLSearchParams(params)}`, { headers }));
  /** The answer and whether the fast path gave it. */
  const counted = async (ask: () => Promise<Answer>): Promise<[Answer, boolean]> => {
    const before = hits;
    const a = await ask();
    return [a, hits > before];
  };
  const value = (a: Answer) => (a.json.data as { metrics?: { edges: { node: { value: number } }[] } } | undefined)?.metrics?.edges[0]?.node.value;
  const code = (a: Answer) => a.json.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    ({ api, ids } = await startSmallCounty());
    const metrics = api.server.app.get(Metrics);
    const original = metrics.publishedHit.bind(metrics);
    hits = 0;
    metrics.publishedHit = (operation, seconds) => {
      hits++;
      original(operation, seconds);
    };
    admin = await api.login('admin', 'pw-admin');
    await acceptAndPublish(api, admin, await submitVersion(api, admin, ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 5 })));
    // The fast path serves only while the version is known in memory: the listener connects on first use.
    await api.gql('{ metricsVersion }');
    const dataVersion = api.server.app.get(DataVersionService);
    await vi.waitFor(() => expect(dataVersion.listening).toBe(true), { timeout: 10_000 });
    query = `query Received($u: ID!) { metrics(metrics: ["applications.received"], scope: { under: $u }, groupBy: [unit]) { ${FIELDS} } }`;
    unpublished = `{ metrics(metrics: ["applications.received"], scope: { under: "${ids.countyId}" }, groupBy: [unit], includeUnpublished: true) { ${FIELDS} } }`;
  });
  afterAll(() => api?.close());

  it('POST: the second asking is answered before Apollo, with the same bytes and headers', async () => {
    const body = { query, variables: { u: String(ids.countyId) } };
    const [first, fast1] = await counted(() => post(body));
    const [second, fast2] = await counted(() => post(body));
    expect([fast1, fast2]).toEqual([false, true]);
    expect(value(first)).toBe(5);
    expect(second).toEqual(first);
    expect(second.type).toBe('application/json; charset=utf-8');
    // The operation name as sent is part of the key: the same document named is another question.
    const [named, fastNamed] = await counted(() => post({ ...body, operationName: 'Received' }));
    expect([value(named), fastNamed]).toEqual([5, false]);
    expect((await counted(() => post({ ...body, operationName: 'Received' })))[1]).toBe(true);
  });

  it('GET: kept and answered the same; without a preflight header it is still refused as CSRF', async () => {
    const asked = query.replace('Received', 'ReceivedByGet'); // a question not asked yet
    const params = { query: asked, variables: JSON.stringify({ u: String(ids.countyId) }) };
    const [first, fast1] = await counted(() => get(params));
    const [second, fast2] = await counted(() => get(params));
    expect([fast1, fast2]).toEqual([false, true]);
    expect(second).toEqual(first);
    expect(value(second)).toBe(5);
    // Revalidated by its ETag (the one Express gives the same bytes), as Express answers: 304, no body.
    expect(first.headers.etag).toMatch(/^W\/"/);
    // node:http, not fetch: fetch adds `cache-control: no-cache` to a conditional request.
    const revalidate = () =>
      new Promise<[number, string]>((resolve, reject) => {
        const headers = { 'apollo-require-preflight': 'true', 'if-none-match': first.headers.etag as string };
        httpGet(`${api.url}/graphql?${new URLSearchParams(params)}`, { headers }, (r) => {
          let text = '';
          r.on('data', (c) => (text += c)).on('end', () => resolve([r.statusCode ?? 0, text]));
        }).on('error', reject);
      });
    const [[status, text], fast304] = await counted(revalidate as never);
    expect([status, text, fast304]).toEqual([304, '', true]);
    const [csrf, fastCsrf] = await counted(() => get(params, {}));
    expect([csrf.status, fastCsrf, csrf.json.data]).toEqual([400, false, undefined]);
    // A POST of the same question shares the entry: the answer does not depend on the method.
    const [posted, fastPost] = await counted(() => post({ query: asked, variables: { u: String(ids.countyId) } }));
    expect([posted.body, fastPost]).toEqual([first.body, true]);
  });

  it('a bad, garbage or logged-out token gets its error, never the kept answer; a valid one gets the answer from Apollo', async () => {
    const body = { query, variables: { u: String(ids.countyId) } };
    expect((await counted(() => post(body)))[1]).toBe(true); // kept
    const viewer = await api.login('viewer', 'pw-viewer');
    const loggedOut = await api.login('analyst', 'pw-analyst');
    const out = await api.gql('mutation { logout }', {}, loggedOut);
    expect(out.errors).toBeUndefined();
    for (const authorization of ['Bearer garbage.token.value', `Bearer ${loggedOut}`, 'Basic YWRtaW46cHc=']) {
      const [a, fast] = await counted(() => post(body, { authorization }));
      expect([authorization, a.json.data ?? null, fast]).toEqual([authorization, null, false]);
      expect([authorization, code(a)]).toEqual([authorization, 'UNAUTHENTICATED']);
    }
    const [ok, fastOk] = await counted(() => post(body, { authorization: `Bearer ${viewer}` }));
    expect([value(ok), fastOk]).toEqual([5, false]);
    // An empty header is anonymous to the API; it still goes through Apollo.
    const [empty, fastEmpty] = await counted(() => post(body, { authorization: '' }));
    expect([value(empty), fastEmpty]).toEqual([5, false]);
  });

  it('unpublished numbers are never served before Apollo, whoever asked first', async () => {
    pendingVersion = await submitVersion(api, admin, ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 8 }));
    const asAdmin = await post({ query: unpublished }, { authorization: `Bearer ${admin}` });
    expect(value(asAdmin)).toBe(8);
    for (let i = 0; i < 2; i++) {
      const [a, fast] = await counted(() => post({ query: unpublished }));
      expect([code(a), fast, a.body.includes('"value":8')]).toEqual(['FORBIDDEN', false, false]);
      const [g, fastGet] = await counted(() => get({ query: unpublished }));
      expect([code(g), fastGet, g.body.includes('"value":8')]).toEqual(['FORBIDDEN', false, false]);
    }
    // The published question still answers 5, from the fast path.
    const [p, fast] = await counted(() => post({ query, variables: { u: String(ids.countyId) } }));
    expect([value(p), fast]).toEqual([5, true]);
  });

  it('a publication moves the data version: the next asking is answered afresh, then kept again', async () => {
    const body = { query, variables: { u: String(ids.countyId) } };
    const params = { query, variables: JSON.stringify({ u: String(ids.countyId) }) };
    expect(await counted(() => post(body)).then(([a, fast]) => [value(a), fast])).toEqual([5, true]);
    expect(await counted(() => get(params)).then(([a, fast]) => [value(a), fast])).toEqual([5, true]);
    await acceptAndPublish(api, admin, pendingVersion);
    // Published in this process: the version counts at commit, before the mutation answered.
    expect(await counted(() => post(body)).then(([a, fast]) => [value(a), fast])).toEqual([8, false]);
    expect(await counted(() => post(body)).then(([a, fast]) => [value(a), fast])).toEqual([8, true]);
    // GET and POST share the entry (the key is the question, not the method).
    expect(await counted(() => get(params)).then(([a, fast]) => [value(a), fast])).toEqual([8, true]);
  });

  it('batches, persisted-query extensions and other Accept types go to Apollo', async () => {
    const body = { query, variables: { u: String(ids.countyId) } };
    expect((await counted(() => post(body)))[1]).toBe(true);
    const [batch, fastBatch] = await counted(() => post([body]));
    expect(fastBatch).toBe(false);
    expect(batch.status).toBe(400); // Apollo's batching is off
    const [ext, fastExt] = await counted(() => post({ ...body, extensions: { persistedQuery: { version: 1, sha256Hash: 'x'.repeat(64) } } }));
    expect(fastExt).toBe(false);
    expect(ext.json.data).toBeUndefined();
    const [gr, fastGr] = await counted(() => post(body, { accept: 'application/graphql-response+json' }));
    expect([value(gr), fastGr, gr.type]).toEqual([8, false, 'application/graphql-response+json; charset=utf-8']);
  });
});

describe('without the data version in memory nothing is answered before Apollo', () => {
  it('DATA_VERSION_LISTEN=false: every asking goes through Apollo, and answers stay right', async () => {
    const { api, ids } = await startSmallCounty({ listenDataVersion: false });
    try {
      const metrics = api.server.app.get(Metrics);
      let hits = 0;
      metrics.publishedHit = () => {
        hits++;
      };
      const admin = await api.login('admin', 'pw-admin');
      await acceptAndPublish(api, admin, await submitVersion(api, admin, ids.huaiyuan, report('淮源镇人民政府', 2023, { granted: 5 })));
      const q = `{ metrics(metrics: ["applications.received"], scope: { under: "${ids.countyId}" }, groupBy: [unit]) { edges { node { value } } } }`;
      for (let i = 0; i < 3; i++) expect((await api.gql<{ metrics: { edges: { node: { value: number } }[] } }>(q)).data?.metrics.edges[0]?.node.value).toBe(5);
      expect(hits).toBe(0);
    } finally {
      await api.close();
    }
  });
});
