import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: ScryptParams & { maxmem: number }) => Promise<Buffer>;

/** OWASP's scrypt minimum (2^17, 8, 1): 128 MiB and ~0.3 s per hash. Stored hashes name theirs. */
export const SCRYPT: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 };

/** scrypt needs 128·N·r bytes (plus a little per p); Node refuses anything above `maxmem`. */
const maxmem = ({ N, r, p }: ScryptParams) => 128 * r * (N + p + 2) + 1024 * 1024;

/** How many scrypt computations ran: tests compare counts, not clocks. */
export const passwordWork = { verifications: 0, hashes: 0 };

/** scrypt (memory-hard, in Node's standard library), parameters stored with the hash: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  passwordWork.hashes++;
  const hash = await scrypt(password.normalize('NFC'), salt, 32, { ...params, maxmem: maxmem(params) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** The parameters of a stored hash, if they are ones this code will run (a corrupt row must not ask for 64 GiB). */
function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const m = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d)\$([A-Za-z0-9+/=]{4,64})\$([A-Za-z0-9+/=]{16,128})$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 16 || p < 1 || p > 4) return null;
  return { params: { N, r, p }, salt: Buffer.from(m[4] as string, 'base64'), hash: Buffer.from(m[5] as string, 'base64') };
}

export interface Verified {
  ok: boolean;
  /** The hash was made with weaker parameters than SCRYPT: store a new one while the password is at hand. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<Verified> {
  const parsed = parse(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const { params, salt, hash } = parsed;
  passwordWork.verifications++;
  const actual = await scrypt(password.normalize('NFC'), salt, hash.length, { ...params, maxmem: maxmem(params) });
  const ok = timingSafeEqual(actual, hash);
  return { ok, needsRehash: ok && (params.N < SCRYPT.N || params.r < SCRYPT.r || params.p < SCRYPT.p) };
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password with the current parameters: unknown user names are verified
 * against it, so a login takes as long whether the user exists or not.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('base64'));
  return dummy;
}
