// The dashboard's downloads. Writing and reading CSV is @gongkai/csv (shared with the API and the CLI).
import type { CsvValue } from '@gongkai/csv';

export function download(fileName: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const blob = content instanceof Blob ? content : new Blob([type.startsWith('text/csv') ? '\uFEFF' : '', content], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Flattens GraphQL result rows (nested objects become dotted columns) for CSV. */
export function flattenRows(rows: readonly unknown[]): { header: string[]; rows: CsvValue[][] } {
  const flat = rows.map((r) => {
    const out: Record<string, CsvValue> = {};
    const walk = (v: unknown, prefix: string) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
      else out[prefix || 'value'] = Array.isArray(v) ? JSON.stringify(v) : (v as CsvValue);
    };
    walk(r, '');
    return out;
  });
  const header = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return { header, rows: flat.map((r) => header.map((h) => r[h])) };
}
