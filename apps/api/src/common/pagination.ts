import { AppError } from './errors.js';

export const MAX_PAGE_SIZE = 100;

/** Offset cursors, opaque to clients. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new AppError('BAD_INPUT', `无效的分页游标 (invalid cursor "${cursor.slice(0, 40)}")`);
  return Number(m[1]);
}

export function pageSize(first: number | null | undefined, def = 20): number {
  const n = first ?? def;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new AppError('BAD_INPUT', `first 应为 1–${MAX_PAGE_SIZE} (page size must be 1 to ${MAX_PAGE_SIZE})`);
  return n;
}

export interface Page<T> {
  items: T[];
  offset: number;
  totalCount: number;
}
