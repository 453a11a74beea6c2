import { AppError } from './errors.js';

/** GraphQL IDs are decimal strings of our integer keys. */
export function parseId(id: string | number | null | undefined, what = 'id'): number {
  const s = String(id ?? '');
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > 2_147_483_647)
    throw new AppError('BAD_INPUT', `${what} 应为正整数编号，读到“${s.slice(0, 30)}” (invalid ${what})`);
  return Number(s);
}
