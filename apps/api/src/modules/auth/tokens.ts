import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  sub: number;
  exp: number;
}

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

/** A compact HMAC-SHA256 signed session token: `v1.<claims>.<signature>`. */
export function signToken(claims: TokenClaims, secret: string): string {
  const body = b64(JSON.stringify(claims));
  return `v1.${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function verifyToken(token: string, secret: string, now = Date.now()): TokenClaims | null {
  const [v, body, sig] = token.split('.');
  if (v !== 'v1' || !body || !sig) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    if (!Number.isInteger(claims.sub) || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
    return claims;
  } catch {
    return null;
  }
}

/** API tokens for scripts: random, shown once, stored as a SHA-256 hash. */
export function newApiToken(): { token: string; hash: string } {
  const token = `gk_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
