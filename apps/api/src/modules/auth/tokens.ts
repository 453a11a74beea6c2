import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The user's id. */
  sub: number;
  /** This token's id: logging out puts it on the revoked list. */
  jti: string;
  /** The user's token epoch when it was issued: revoking all of a user's tokens bumps the epoch. */
  ep: number;
  /** Issued and expiry times, in seconds since 1970. */
  iat: number;
  exp: number;
}

/** Longer than any token this code signs; longer ones are not even decoded. */
export const MAX_TOKEN_LENGTH = 512;
/** Clocks of several API processes may differ a little. */
const SKEW_SECONDS = 60;
const MAX_ID = 2_147_483_647;

const b64 = (s: Buffer | string) => Buffer.from(s).toString('base64url');

/** A compact HMAC-SHA256 signed session token: `v2.<claims>.<signature>`. */
export function signToken(claims: TokenClaims, secret: string): string {
  const body = b64(JSON.stringify(claims));
  return `v2.${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function newTokenId(): string {
  return randomBytes(16).toString('base64url');
}

const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * The claims of a genuine, unexpired token, else null. Even a correctly signed token must have
 * sane claims: an integer user id, a token id, and a finite lifetime of at most `maxTtlSeconds`
 * that has not ended (a leaked secret or a bug must not mint a token for the year 275760).
 */
export function verifyToken(token: string, secret: string, maxTtlSeconds: number, now = Date.now()): TokenClaims | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [v, body, sig, extra] = token.split('.');
  if (v !== 'v2' || !body || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== 'object') return null;
  const { sub, jti, ep, iat, exp } = claims;
  const nowS = Math.floor(now / 1000);
  if (!isInt(sub, 1, MAX_ID) || !isInt(ep, 0, MAX_ID) || typeof jti !== 'string' || !/^[A-Za-z0-9_-]{16,43}$/.test(jti)) return null;
  if (!isInt(iat, 0, nowS + SKEW_SECONDS) || !isInt(exp, nowS + 1, nowS + maxTtlSeconds + SKEW_SECONDS) || exp - iat > maxTtlSeconds) return null;
  return { sub, jti, ep, iat, exp };
}

/** API tokens for scripts: random, shown once, stored as a SHA-256 hash. */
export function newApiToken(): { token: string; hash: string } {
  const token = `gk_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
