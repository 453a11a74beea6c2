import { UnreadableInputError } from './errors.js';

export interface Decoded {
  text: string;
  encoding: string;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i;

/** Decoders are reusable (no streaming here) and costly to make: one of each, made on first use. */
type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder>();
function decoder(label: string, fatal: boolean): Decoder {
  const key = `${label}|${fatal}`;
  let d = decoders.get(key);
  if (!d) {
    d = new TextDecoder(label, { fatal });
    // A page may declare any charset: only the ones seen decoding succeed are kept.
    if (decoders.size < 32) decoders.set(key, d);
  }
  return d;
}
/** The first bytes as Latin-1, for sniffing headers and declarations. */
export function latin1Head(bytes: Uint8Array, n: number): string {
  return latin1(bytes.subarray(0, n));
}

/**
 * Bytes as ISO-8859-1, a character a byte (so offsets in the text are offsets in the bytes).
 * fromCharCode in chunks: twice as fast as a TextDecoder on the kilobyte every parse sniffs.
 */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** Bytes to text: BOM, then a declared HTML charset, then UTF-8, then GB18030 (⊇ GBK ⊇ GB2312). */
export function decodeText(bytes: Uint8Array, isHtml: boolean, head1k?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (isHtml) {
    // Browsers look in the first kilobyte (already read to sniff the format); old pages declare later, so up to 4 KiB.
    let found = head1k === undefined ? null : META_CHARSET.exec(head1k);
    // A declaration cut by the end of the kilobyte is read again whole.
    if (found && head1k !== undefined && found.index + found[0].length >= head1k.length) found = null;
    if (!found && (head1k === undefined || bytes.length > head1k.length)) found = META_CHARSET.exec(latin1Head(bytes, 4096));
    const declared = found?.[1]?.toLowerCase();
    if (declared) {
      const label = /^(gb2312|gbk|gb_2312-80|x-gbk|cp936)$/.test(declared) ? 'gb18030' : declared;
      try {
        return { text: decoder(label, true).decode(bytes), encoding: declared };
      } catch {
        // A wrong declaration is common on old sites: fall through to detection.
      }
    }
  }
  try {
    return { text: decoder('utf-8', true).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: decoder('gb18030', true).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new UnreadableInputError('input.binary', '文件既不是 UTF-8 也不是 GBK/GB18030 文本，无法读取 (not UTF-8 or GBK text)');
    }
  }
}

/** Control characters other than tab/newline/form-feed mean this is not text. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / sample.length > 0.01;
}
