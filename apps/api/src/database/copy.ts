import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

type CopyValue = string | number | boolean | null | undefined | Uint8Array | Date | object | TextArray;

/** A PostgreSQL text[] value (plain arrays are written as JSON). */
export class TextArray {
  constructor(readonly items: readonly string[]) {}
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string);

/** One value in COPY's text format. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'string') return escapeText(v);
  if (v instanceof Uint8Array) return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof TextArray) return escapeText(`{${v.items.map((x) => `"${x.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  return escapeText(JSON.stringify(v));
}

/**
 * Bulk insert with COPY FROM STDIN, on the transaction's own connection: the fastest way to
 * write many wide rows (the bulk submission path). Values are already validated; COPY still
 * checks types and constraints.
 */
export async function copyRows(m: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const runner = m.queryRunner;
  if (!runner) throw new Error('copyRows needs a transaction');
  const client = (await runner.connect()) as PoolClient;
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  const chunks = function* () {
    let buf = '';
    for (const row of rows) {
      buf += `${row.map(copyField).join('\t')}\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}
