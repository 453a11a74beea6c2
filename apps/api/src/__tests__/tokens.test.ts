// Issue 10, item 12: scrypt at N = 2^17 with rehash on login, logout and revocation of tokens,
// and token claims that must be sane even when correctly signed.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../../../test/support/api.js';
import { type SmallCounty, startSmallCounty } from '../../../../test/support/seed.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { hashPassword, passwordWork, SCRYPT, verifyPassword } from '../modules/auth/passwords.js';
import { newTokenId, signToken } from '../modules/auth/tokens.js';

let api: TestApi;
let ids: SmallCounty;
let secret: string;
let db: pg.Client;

beforeAll(async () => {
  ({ api, ids } = await startSmallCounty());
  secret = api.server.app.get<AppConfig>(APP_CONFIG).authSecret;
  db = new pg.Client({ connectionString: api.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await api?.close();
});

const ME = '{ me { username } }';
const me = async (token: string) => {
  const r = await api.gql<{ me: { username: string } | null }>(ME, {}, token);
  return r.data?.me?.username ?? r.errors?.[0]?.extensions?.code;
};
const storedHash = async (username: string) =>
  (await db.query('SELECT "passwordHash" FROM app_user WHERE username = $1', [username])).rows[0].passwordHash as string;
const userId = async (username: string) => (await db.query('SELECT id FROM app_user WHERE username = $1', [username])).rows[0].id as number;

describe('password hashing', () => {
  it('new hashes use scrypt N = 2^17, r = 8, p = 1, and name their parameters', async () => {
    expect(SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(await storedHash('viewer')).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  });

  it('a hash made with old parameters is replaced on the next successful login, and only then', async () => {
    const old = await hashPassword('pw-analyst', { N: 2 ** 14, r: 8, p: 1 });
    await db.query('UPDATE app_user SET "passwordHash" = $1 WHERE username = $2', [old, 'analyst']);
    await expect(api.login('analyst', 'wrong')).rejects.toThrow(/UNAUTHENTICATED/);
    expect(await storedHash('analyst')).toBe(old);
    const hashes = passwordWork.hashes;
    await api.login('analyst', 'pw-analyst');
    expect(passwordWork.hashes - hashes).toBe(1);
    const now = await storedHash('analyst');
    expect(now).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await verifyPassword('pw-analyst', now)).ok).toBe(true);
    // Up to date now: the next login does not hash again.
    await api.login('analyst', 'pw-analyst');
    expect(passwordWork.hashes - hashes).toBe(1);
  });

  it('a stored hash asking for absurd parameters is not run', async () => {
    const salt = Buffer.alloc(16).toString('base64');
    const hash = Buffer.alloc(32).toString('base64');
    const before = passwordWork.verifications;
    for (const bad of [`scrypt$${2 ** 30}$8$1$${salt}$${hash}`, `scrypt$100000$8$1$${salt}$${hash}`, `scrypt$16384$999$1$${salt}$${hash}`, 'md5$abc'])
      expect(await verifyPassword('x', bad)).toEqual({ ok: false, needsRehash: false });
    expect(passwordWork.verifications).toBe(before);
  });
});

describe('logout', () => {
  it('revokes the token it is sent with, and only that one', async () => {
    const a = await api.login('huaiyuan', 'pw-huaiyuan');
    const b = await api.login('huaiyuan', 'pw-huaiyuan');
    expect(await me(a)).toBe('huaiyuan');
    const out = await api.gql<{ logout: boolean }>('mutation { logout }', {}, a);
    expect(out.data?.logout, JSON.stringify(out.errors)).toBe(true);
    expect(await me(a)).toBe('UNAUTHENTICATED');
    expect(await me(b)).toBe('huaiyuan');
    // REST refuses it too, with 401.
    const rest = await fetch(`${api.url}/api/reports?jurisdictionId=${ids.huaiyuan}`, { method: 'POST', headers: { authorization: `Bearer ${a}` }, body: 'x' });
    expect([rest.status, ((await rest.json()) as { code: string }).code]).toEqual([401, 'UNAUTHENTICATED']);
    // A second logout with the same token is refused: it no longer names anyone.
    expect((await api.gql('mutation { logout }', {}, a)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql('mutation { logout }', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'logout' AND actor = 'huaiyuan'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('with an API token revokes that API token', async () => {
    const session = await api.login('admin', 'pw-admin');
    const t = await api.gql<{ createApiToken: { token: string } }>('mutation { createApiToken(name: "script", days: 5) { token } }', {}, session);
    const apiToken = t.data?.createApiToken.token as string;
    expect(await me(apiToken)).toBe('admin');
    expect((await api.gql<{ logout: boolean }>('mutation { logout }', {}, apiToken)).data?.logout).toBe(true);
    expect(await me(apiToken)).toBe('UNAUTHENTICATED');
    expect(await me(session)).toBe('admin');
  });

  it('revoked-list rows of expired tokens are pruned', async () => {
    await db.query(`INSERT INTO revoked_token (jti, "userId", "expiresAt") VALUES ('expired-expired-1', $1, now() - interval '1 hour')`, [
      await userId('viewer'),
    ]);
    const t = await api.login('viewer', 'pw-viewer');
    await api.gql('mutation { logout }', {}, t);
    expect((await db.query(`SELECT count(*)::int AS n FROM revoked_token WHERE jti = 'expired-expired-1'`)).rows[0].n).toBe(0);
  });
});

describe('an admin revokes all of a user’s tokens', () => {
  const REVOKE = 'mutation($u: String!) { revokeUserTokens(username: $u) { username apiTokens } }';

  it('every session and API token of the user stops working at once; a new login works', async () => {
    const s1 = await api.login('yuehe', 'pw-yuehe');
    const s2 = await api.login('yuehe', 'pw-yuehe');
    const admin = await api.login('admin', 'pw-admin');
    // Clerks cannot make API tokens; give one directly to prove API tokens are revoked too.
    const { newApiToken } = await import('../modules/auth/tokens.js');
    const { token: apiToken, hash } = newApiToken();
    await db.query(`INSERT INTO api_token ("userId", name, "tokenHash", "expiresAt") VALUES ($1, 'x', $2, now() + interval '1 day')`, [
      await userId('yuehe'),
      hash,
    ]);
    expect([await me(s1), await me(s2), await me(apiToken)]).toEqual(['yuehe', 'yuehe', 'yuehe']);

    const r = await api.gql<{ revokeUserTokens: { username: string; apiTokens: number } }>(REVOKE, { u: 'yuehe' }, admin);
    expect(r.data?.revokeUserTokens, JSON.stringify(r.errors)).toEqual({ username: 'yuehe', apiTokens: 1 });
    expect([await me(s1), await me(s2), await me(apiToken)]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await me(admin)).toBe('admin');
    expect(await me(await api.login('yuehe', 'pw-yuehe'))).toBe('yuehe');
    const audit = await db.query(`SELECT actor, details FROM audit_log WHERE action = 'user.revokeTokens'`);
    expect(audit.rows).toEqual([{ actor: 'admin', details: { username: 'yuehe', apiTokens: 1 } }]);
  });

  it('only admins, only for users of their county (or users without one)', async () => {
    const clerk = await api.login('huaiyuan', 'pw-huaiyuan');
    const other = await api.login('otheradmin', 'pw-otheradmin');
    const admin = await api.login('admin', 'pw-admin');
    expect((await api.gql(REVOKE, { u: 'yuehe' }, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(REVOKE, { u: 'yuehe' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(REVOKE, { u: 'huaiyuan' }, other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(REVOKE, { u: 'admin' }, other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(REVOKE, { u: 'nobody' }, admin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await me(clerk)).toBe('huaiyuan');
    const viewer = await api.login('viewer', 'pw-viewer');
    expect((await api.gql(REVOKE, { u: 'viewer' }, other)).errors).toBeUndefined();
    expect(await me(viewer)).toBe('UNAUTHENTICATED');
  });
});

describe('token claims must be sane, even correctly signed', () => {
  /** Signs any claims with the server's secret, as a leaked secret or a bug could. */
  const forge = (claims: Record<string, unknown>, version = 'v2') => {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${version}.${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  /** Claims that pass, so each bad case below fails for its own reason only. */
  const good = async () => {
    const u = (await db.query('SELECT id, "tokenEpoch" FROM app_user WHERE username = $1', ['viewer'])).rows[0];
    return { sub: u.id as number, jti: newTokenId(), ep: u.tokenEpoch as number, iat: now(), exp: now() + 3600 };
  };

  it('a well-formed token works (the forger is right)', async () => {
    expect(await me(forge(await good()))).toBe('viewer');
    expect(await me(signToken(await good(), secret))).toBe('viewer');
  });

  it('exp: not a number, not finite, absurdly far, or past; sub: not a bounded integer; missing or odd fields', async () => {
    const g = await good();
    const bad: Record<string, unknown>[] = [
      { ...g, exp: 'never' },
      { ...g, exp: 1e308 },
      { ...g, exp: 8.64e15 },
      { ...g, exp: now() + 10 * 365 * 86400 },
      { ...g, iat: now() - 1000, exp: now() - 1 },
      { ...g, exp: now() + 3600.5 },
      { ...g, exp: g.iat + 3601 }, // a second longer than TOKEN_TTL_HOURS (1 in tests)
      { ...g, iat: now() + 86400, exp: now() + 90000 },
      { ...g, iat: now() - 100 * 86400, exp: now() + 3600 },
      { ...g, sub: String(g.sub) },
      { ...g, sub: 1e20 },
      { ...g, sub: -1 },
      { ...g, sub: 1.5 },
      { ...g, sub: [g.sub] },
      { ...g, jti: undefined },
      { ...g, jti: 'short' },
      { ...g, jti: 'x'.repeat(200) },
      { ...g, ep: undefined },
      { ...g, ep: g.ep + 1 },
      { sub: g.sub, exp: g.exp },
    ];
    for (const claims of bad) expect(await me(forge(claims)), JSON.stringify(claims)).toBe('UNAUTHENTICATED');
    // The old unrevocable v1 tokens, a token padded past any real length, JSON that is not an object.
    expect(await me(forge({ sub: g.sub, exp: g.exp }, 'v1'))).toBe('UNAUTHENTICATED');
    expect(await me(`${forge(g)}${'A'.repeat(2000)}`)).toBe('UNAUTHENTICATED');
    expect(await me(forge(null as never))).toBe('UNAUTHENTICATED');
    expect(await me(`gk_${'A'.repeat(5000)}`)).toBe('UNAUTHENTICATED');
  });
});
