export type CsvValue = string | number | boolean | null | undefined;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], notes: readonly string[] = []): string {
  const field = (v: CsvValue) => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // A note is one line, whatever it quotes (a unit name, a filter).
  return `${[...notes.map((n) => `# ${n.replace(/[\r\n\u2028\u2029]+/g, ' ')}`), header.map(field).join(','), ...rows.map((r) => r.map(field).join(','))].join('\r\n')}\r\n`;
}

/** Parses what toCsv writes (used by tests and by the analysts' view to check a round trip). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && s[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

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
