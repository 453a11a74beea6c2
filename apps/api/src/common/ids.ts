import { AppError } from './errors.js';

/** GraphQL IDs are decimal strings of our integer keys. */
export function parseId(id: string | number | null | undefined, what = 'id'): number {
  const s = String(id ?? '');
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > 2_147_483_647)
    throw new AppError('BAD_INPUT', `${what} 应为正整数编号，读到“${s.slice(0, 30)}” (invalid ${what})`);
  return Number(s);
}

/**
 * A whole number from a URL or form: decimal digits only. `Number()` would also take `0x7EA`,
 * `1e3`, ` 12 ` and `2026.0`.
 */
export function parseDecimal(s: string | null | undefined, what: string, min: number, max: number): number {
  const v = String(s ?? '');
  const n = /^-?\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= min && n <= max)) throw new AppError('BAD_INPUT', `${what} 应为 ${min}–${max} 的十进制整数，读到“${v.slice(0, 20)}” (invalid ${what})`);
  return n;
}

/** A report year in a URL. */
export function parseYear(s: string | null | undefined, what = 'year'): number {
  return parseDecimal(s, what, 1900, 2200);
}
