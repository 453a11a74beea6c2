import type { SourceFormat } from './report.js';

/**
 * The file formats Gongkai reads, once: the parser tells them apart with these, the API stores
 * their media types, `gongkai ingest` picks files by their extensions and the dashboard's file
 * input offers them.
 */
export interface FileFormatDef {
  format: SourceFormat;
  /** File name endings (lower case, with the dot) that mean this format. */
  extensions: readonly string[];
  /** Stored with the original and sent back when it is downloaded. */
  mediaType: string;
  /**
   * A `Content-Type` a web server sends for it, to name a fetched file that has no extension.
   * Text and JSON have none: servers label HTML pages text/plain often enough that HTML is the
   * better guess.
   */
  served?: RegExp;
}

export const FILE_FORMATS: readonly FileFormatDef[] = [
  { format: 'pdf', extensions: ['.pdf'], mediaType: 'application/pdf', served: /pdf/ },
  {
    format: 'docx',
    extensions: ['.docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    served: /wordprocessingml/,
  },
  // Word 97–2003; WPS Office saves its own .wps in the same binary format.
  { format: 'doc', extensions: ['.doc', '.wps'], mediaType: 'application/msword', served: /msword|ms-works|kswps/ },
  {
    format: 'html',
    // Pages saved from a portal keep the server's script extension.
    extensions: ['.html', '.htm', '.xhtml', '.xhtm', '.shtml', '.jsp', '.asp', '.aspx', '.php'],
    mediaType: 'text/html',
    served: /html/,
  },
  // A page saved as one file with its pictures (browsers, Word's "single file web page", crawlers).
  { format: 'mhtml', extensions: ['.mht', '.mhtml'], mediaType: 'multipart/related', served: /multipart\/related|message\/rfc822/ },
  { format: 'markdown', extensions: ['.md', '.markdown'], mediaType: 'text/markdown', served: /markdown/ },
  { format: 'json', extensions: ['.json'], mediaType: 'application/json' },
  { format: 'text', extensions: ['.txt'], mediaType: 'text/plain' },
];

/** Every accepted extension, e.g. for `<input type="file" accept>`. */
export const REPORT_EXTENSIONS: readonly string[] = FILE_FORMATS.flatMap((f) => f.extensions);
export const FILE_INPUT_ACCEPT = REPORT_EXTENSIONS.join(',');

/** The format a file name says it is, by its extension; null for any other name. */
export function formatOfFileName(fileName: string): SourceFormat | null {
  const lower = fileName.toLowerCase();
  return FILE_FORMATS.find((f) => f.extensions.some((e) => lower.endsWith(e)))?.format ?? null;
}

export function mediaTypeOf(format: SourceFormat): string {
  return FILE_FORMATS.find((f) => f.format === format)?.mediaType ?? 'application/octet-stream';
}

/** The extension to give a fetched file from its `Content-Type` (HTML when the type says nothing known). */
export function extensionForContentType(contentType: string): string {
  const f = FILE_FORMATS.find((x) => x.served?.test(contentType)) ?? (FILE_FORMATS.find((x) => x.format === 'html') as FileFormatDef);
  return f.extensions[0] as string;
}

/** What the first bytes (read as latin1) of a file say it is. */
export const SNIFF = {
  /** PDF writers may put junk before the header; readers look within the first kilobyte. */
  pdf: (head: string) => head.includes('%PDF-'),
  /** A zip container: Word's .docx (the parser opens it as one). */
  zip: (head: string) => head.startsWith('PK\x03\x04'),
  /** OLE2 compound file: Word 97–2003 .doc or WPS (read), or an Excel/PowerPoint file (refused). */
  ole: (head: string) => head.startsWith('\xD0\xCF\x11\xE0'),
  html: (head: string) => /<(!doctype\s+html|html|body|table|meta|div|p)[\s>]/i.test(head),
} as const;
