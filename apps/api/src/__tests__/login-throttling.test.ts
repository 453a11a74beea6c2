// Issue 10, item 11: attempts are counted before the password is checked, per user and address
// together, and unknown users cost as much scrypt work as known ones. Work is counted, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/support/api.js';
import { seedSmallCounty } from '../../../../test/support/seed.js';
import { passwordWork } from '../modules/auth/passwords.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await seedSmallCounty(api.server.app);
});
afterAll(() => api?.close());

type Answer = { status: number; code: string | null; token: string | null };

/** A login from a given client address (the API trusts X-Forwarded-For from loopback, like behind a proxy). */
async function login(username: string, password: string, address: string): Promise<Answer> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await res.json()) as { data?: { login: { token: string } }; errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: body.errors?.[0]?.extensions?.code ?? null, token: body.data?.login.token ?? null };
}

const tally = (answers: Answer[]) => {
  const t: Record<string, number> = {};
  for (const a of answers) t[a.code ?? 'OK'] = (t[a.code ?? 'OK'] ?? 0) + 1;
  return t;
};

describe('login throttling', () => {
  it('61 parallel wrong passwords from one address: at most 5 password checks, the rest RATE_LIMITED', async () => {
    const before = passwordWork.verifications;
    const answers = await Promise.all(Array.from({ length: 61 }, () => login('viewer', 'wrong', '203.0.113.1')));
    expect(passwordWork.verifications - before).toBe(5);
    expect(tally(answers)).toEqual({ UNAUTHENTICATED: 5, RATE_LIMITED: 56 });
    // Even the right password waits now, from that address: it is the sixth guess this minute.
    expect((await login('viewer', 'pw-viewer', '203.0.113.1')).code).toBe('RATE_LIMITED');
  });

  it('6 wrong passwords from another address do not lock the real user out', async () => {
    const attacker = await Promise.all(Array.from({ length: 6 }, () => login('huaiyuan', 'guess', '198.51.100.66')));
    expect(tally(attacker)).toEqual({ UNAUTHENTICATED: 5, RATE_LIMITED: 1 });
    const real = await login('huaiyuan', 'pw-huaiyuan', '192.0.2.10');
    expect(real.code).toBeNull();
    expect(real.token).toMatch(/^v2\./);
  });

  it('one address guessing across many users is stopped too (10 a minute)', async () => {
    const before = passwordWork.verifications;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`nobody${i}`, 'x', '203.0.113.99')));
    expect(tally(answers)).toEqual({ UNAUTHENTICATED: 10, RATE_LIMITED: 10 });
    expect(passwordWork.verifications - before).toBe(10);
  });

  it('a right password is not counted as a guess', async () => {
    for (let i = 0; i < 4; i++) expect((await login('yuehe', 'nope', '192.0.2.20')).code).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 3; i++) expect((await login('yuehe', 'pw-yuehe', '192.0.2.20')).code).toBeNull();
    expect((await login('yuehe', 'nope', '192.0.2.20')).code).toBe('UNAUTHENTICATED');
    expect((await login('yuehe', 'nope', '192.0.2.20')).code).toBe('RATE_LIMITED');
  });

  it('an unknown user costs the same scrypt work as a known user with a wrong password', async () => {
    const work = async (username: string, address: string) => {
      const v = passwordWork.verifications;
      const h = passwordWork.hashes;
      const a = await login(username, 'wrong-password', address);
      expect(a.code).toBe('UNAUTHENTICATED');
      return { verifications: passwordWork.verifications - v, hashes: passwordWork.hashes - h };
    };
    const known = await work('analyst', '192.0.2.30');
    const unknown = await work('no-such-user', '192.0.2.31');
    expect(known).toEqual({ verifications: 1, hashes: 0 });
    expect(unknown).toEqual(known);
    // The same message either way.
    const a = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.32' },
      body: JSON.stringify({ query: 'mutation { a: login(username: "analyst", password: "x") { token } }' }),
    });
    const b = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.33' },
      body: JSON.stringify({ query: 'mutation { a: login(username: "ghost", password: "x") { token } }' }),
    });
    expect(await a.json()).toEqual(await b.json());
  });
});
