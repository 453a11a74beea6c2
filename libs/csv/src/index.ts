// CSV for every part of Gongkai (API exports and imports, the dashboard's downloads, the CLI's
// manifest): one writer, one parser, one formula-injection rule. No Node or DOM APIs: it runs in
// the browser too.

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ' so it is
 * shown, not run. Plain numbers (-3, -0.5) are left alone: they are data, not formulas.
 */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

/** One field: null and undefined are empty; quoted when it holds a quote, comma or line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = defuseFormula(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, without its line end. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

/**
 * A whole file: `# note` lines first (each kept on one line, whatever it quotes), the header, the
 * rows; CRLF line ends, as RFC 4180 and Excel expect. No BOM: the sender adds one where needed.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], notes: readonly string[] = []): string {
  const lines = [...notes.map((n) => `# ${n.replace(/[\r\n\u2028\u2029]+/g, ' ')}`), csvLine(header), ...rows.map(csvLine)];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * RFC 4180: a quote opens a field only at its start, "" inside quotes is a quote, CRLF, LF or a
 * lone CR ends a record. A leading BOM is dropped. Records whose fields are all blank are dropped
 * unless `keepBlankRows` (uploads end in blank lines; a round trip keeps an all-empty row).
 */
export function parseCsv(text: string, options: { keepBlankRows?: boolean } = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  const s = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (field !== '' || row.length > 0 || !atFieldStart) {
    endField();
    rows.push(row);
  }
  return options.keepBlankRows ? rows : rows.filter((r) => r.some((f) => f.trim() !== ''));
}
