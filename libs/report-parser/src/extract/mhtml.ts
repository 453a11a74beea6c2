import { latin1 } from '../decode.js';
import { UnreadableInputError } from '../errors.js';

/**
 * A web page archived as one MIME file (.mht, .mhtml): a browser's "save as single file", Word's
 * "single file web page", an archive crawler's snapshot. The page is the first text/html part,
 * encoded for mail (quoted-printable or base64); its pictures and style sheets are other parts.
 * Returns the page's bytes (decoded as any page: its meta charset, else UTF-8 or GB18030), or null
 * when the bytes are no MIME archive.
 */
export function mhtmlPage(bytes: Uint8Array): Uint8Array | null {
  const text = latin1(bytes);
  const top = headers(text, 0);
  if (!top) return null;
  const type = top.fields.get('content-type') ?? '';
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) {
    if (/^text\/html/i.test(type)) return decodePart(bytes, top.fields, top.end, bytes.length);
    return null;
  }
  const delimiter = `--${boundary}`;
  for (let at = text.indexOf(delimiter, top.end); at >= 0; ) {
    const start = text.indexOf('\n', at);
    if (start < 0 || text.startsWith('--', at + delimiter.length)) break;
    const next = text.indexOf(delimiter, start);
    const part = headers(text, start + 1);
    const end = next < 0 ? text.length : next;
    if (part && /^text\/html/i.test(part.fields.get('content-type') ?? '')) return decodePart(bytes, part.fields, part.end, end);
    at = next;
  }
  throw new UnreadableInputError('input.notReport', 'MHTML 存档中没有网页正文 (no text/html part in the MHTML archive)');
}

/** What the first kilobyte says: a MIME message whose type is a multipart archive or a page. */
export function looksMhtml(head: string): boolean {
  return (
    /^(From|MIME-Version|Content-Type|Subject|Date|Snapshot-Content-Location|X-[\w-]+):/i.test(head) &&
    /Content-Type:\s*(multipart\/related|text\/html)/i.test(head)
  );
}

/** Header fields from `at` to the empty line, folded lines unfolded; `end` is where the body starts. */
function headers(text: string, at: number): { fields: Map<string, string>; end: number } | null {
  const blank = /\r?\n\r?\n/g;
  blank.lastIndex = at;
  const m = blank.exec(text);
  if (!m) return null;
  const block = text.slice(at, m.index).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { fields, end: m.index + m[0].length };
}

function decodePart(bytes: Uint8Array, fields: Map<string, string>, from: number, to: number) {
  const encoding = (fields.get('content-transfer-encoding') ?? '').toLowerCase();
  const body = bytes.subarray(from, to);
  if (encoding === 'base64') return fromBase64(latin1(body));
  if (encoding === 'quoted-printable') return fromQuotedPrintable(body);
  return body;
}

function fromBase64(s: string): Uint8Array {
  try {
    return Uint8Array.from(atob(s.replace(/[^A-Za-z0-9+/=]/g, '')), (c) => c.charCodeAt(0));
  } catch {
    throw new UnreadableInputError('input.binary', 'MHTML 存档中的网页编码已损坏 (broken base64 in the MHTML archive)');
  }
}

/** `=XX` is a byte, `=` at a line's end joins the lines; everything else is itself. */
function fromQuotedPrintable(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let o = 0;
  const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c !== 61) {
      out[o++] = c;
      continue;
    }
    const h = hex(b[i + 1] ?? 0);
    const l = hex(b[i + 2] ?? 0);
    if (h >= 0 && l >= 0) {
      out[o++] = h * 16 + l;
      i += 2;
    } else if (b[i + 1] === 13 && b[i + 2] === 10) i += 2;
    else if (b[i + 1] === 10) i += 1;
    else out[o++] = c;
  }
  return out.subarray(0, o);
}
