/**
 * PDF pages through PDFium (WebAssembly): the text as positioned pieces and the painted paths.
 * PDFium reads a page's text from its ToUnicode maps without rebuilding the embedded fonts, which
 * is most of what a JavaScript reader spends on a report (CJK subset fonts).
 */
import { init } from '@embedpdf/pdfium';
import { UnreadableInputError } from '../errors.js';
import { type GridItem, type Mat, mul, type PaintedPath } from './pdf-grid.js';

type Pdfium = Awaited<ReturnType<typeof init>>;
/** The module's own exports: the hot per-character calls skip the wrappers' checks and conversions. */
type Fn = Record<
  | 'FPDFFormObj_CountObjects'
  | 'FPDFFormObj_GetObject'
  | 'FPDFPageObj_GetMatrix'
  | 'FPDFPageObj_GetType'
  | 'FPDFPage_CountObjects'
  | 'FPDFPage_GetObject'
  | 'FPDFPathSegment_GetClose'
  | 'FPDFPathSegment_GetPoint'
  | 'FPDFPathSegment_GetType'
  | 'FPDFPath_CountSegments'
  | 'FPDFPath_GetDrawMode'
  | 'FPDFPath_GetPathSegment'
  | 'FPDFText_ClosePage'
  | 'FPDFText_CountChars'
  | 'FPDFText_GetCharBox'
  | 'FPDFText_GetCharOrigin'
  | 'FPDFText_GetFontInfo'
  | 'FPDFText_GetFontSize'
  | 'FPDFText_GetLooseCharBox'
  | 'FPDFText_GetMatrix'
  | 'FPDFText_GetTextObject'
  | 'FPDFText_GetUnicode'
  | 'FPDFText_IsGenerated'
  | 'FPDFText_LoadPage',
  (...args: number[]) => number
>;
interface Heap {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

let loading: Promise<Pdfium> | null = null;
function pdfium(): Promise<Pdfium> {
  loading ??= init({}).then((m) => {
    m.PDFiumExt_Init();
    return m;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export interface PdfPage {
  /** Text pieces: a run of characters on one baseline, cut where pdf.js would cut (wide gaps). */
  items: GridItem[];
  /** The page box, y up. */
  bottom: number;
  top: number;
  /** Filled and stroked paths, read only when asked (a page without numbers holds no table). */
  paths(): PaintedPath[];
}

// What pdf.js does with the gap before a glyph, in font sizes: glued, a space, or a new piece.
const SPACE_MIN = 0.102;
const SPACE_MAX = 0.6;
const NEGATIVE_MAX = -0.2;
const WHITE = /\s/;
const MAX_WASM_BYTES = 768 * 1024 * 1024;
// FPDF_GetLastError codes.
const FORMAT = 3;
const PASSWORD = 4;

/** Opens a PDF, hands each page to `visit`, and closes everything whatever happens. */
export async function withPdfPages(bytes: Uint8Array, visit: (page: PdfPage, index: number) => void): Promise<number> {
  const m = await pdfium();
  const fn = m.pdfium.wasmExports as unknown as Fn;
  const heap = m.pdfium as unknown as Heap; // its views are replaced when memory grows: read them through it
  const malloc = m.pdfium.wasmExports.malloc;
  const free = m.pdfium.wasmExports.free;
  const data = malloc(bytes.length);
  const scratch = malloc(64);
  let doc = 0;
  try {
    // malloc answers 0 when the module cannot grow: writing there would overwrite its memory.
    if (!data || !scratch) throw new UnreadableInputError('input.tooLarge', 'PDF 文件过大，无法读取 (the PDF is too large to read)');
    heap.HEAPU8.set(bytes, data);
    doc = m.FPDF_LoadMemDocument(data, bytes.length, '');
    if (!doc) {
      const code = m.FPDF_GetLastError();
      if (code === PASSWORD) {
        throw new UnreadableInputError(
          'input.brokenPdf',
          'PDF 文件设有打开密码，请去掉密码后再上传 (the PDF is password-protected: save it without a password)',
        );
      }
      const why = code === FORMAT ? 'not a PDF, or damaged' : `PDFium error ${code}`;
      throw new UnreadableInputError('input.brokenPdf', `PDF 文件已损坏，无法打开 (broken PDF: ${why})`);
    }
    const pages = m.FPDF_GetPageCount(doc);
    // A file cut short still opens (PDFium rebuilds a lost cross-reference table) but lacks its
    // later objects: refuse it rather than read half a report.
    if (!m.FPDF_DocumentHasValidCrossReferenceTable(doc) && !endsLikePdf(bytes)) {
      throw new UnreadableInputError('input.brokenPdf', 'PDF 文件不完整，可能被截断 (broken PDF: the file is cut short)');
    }
    for (let p = 0; p < pages; p++) {
      const page = m.FPDF_LoadPage(doc, p);
      if (!page) throw new UnreadableInputError('input.brokenPdf', `PDF 文件第 ${p + 1} 页损坏，无法读取 (broken PDF: page ${p + 1} cannot be read)`);
      try {
        const box = m.FPDF_GetPageBoundingBox(page, scratch);
        const f32 = heap.HEAPF32;
        // FS_RECTF: left, top, right, bottom.
        const top = box ? (f32[(scratch >> 2) + 1] as number) : m.FPDF_GetPageHeightF(page);
        const bottom = box ? (f32[(scratch >> 2) + 3] as number) : 0;
        const items = pageItems(fn, heap, page, scratch);
        visit({ items, bottom: Math.min(top, bottom), top: Math.max(top, bottom), paths: () => pagePaths(fn, heap, page, scratch) }, p);
      } finally {
        m.FPDF_ClosePage(page);
      }
      // WebAssembly memory only grows: a file that needed this much is refused, and the module
      // is dropped so the memory goes with it.
      if (heap.HEAPU8.length > MAX_WASM_BYTES) {
        loading = null;
        throw new UnreadableInputError('input.tooLarge', 'PDF 文件内容过于庞大，无法读取 (the PDF needs too much memory to read)');
      }
    }
    return pages;
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    // An abort inside the module leaves it unusable: start a fresh one for the next file.
    if ((e as Error | undefined)?.name === 'RuntimeError') loading = null;
    throw new UnreadableInputError('input.brokenPdf', `PDF 文件内容损坏，无法读取 (broken PDF: ${(e as Error).message})`);
  } finally {
    if (doc && loading) m.FPDF_CloseDocument(doc);
    if (loading) {
      free(scratch);
      free(data);
    }
  }
}

function endsLikePdf(bytes: Uint8Array): boolean {
  const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

function pageItems(fn: Fn, heap: Heap, page: number, scratch: number): GridItem[] {
  const text = fn.FPDFText_LoadPage(page);
  if (!text) return [];
  const items: GridItem[] = [];
  const f = scratch >> 2; // float view of the scratch buffer
  const d = scratch >> 3; // double view
  try {
    const n = fn.FPDFText_CountChars(text);
    let cur: Piece | null = null;
    let pendingSpace = false;
    const flush = () => {
      if (cur?.str.trim()) items.push({ str: cur.str, x: cur.x, y: cur.y, w: cur.vertical ? cur.size : cur.right - cur.x, size: cur.size });
      cur = null;
      pendingSpace = false;
    };
    // The size belongs to the text object (one show-text run): read it once per object.
    let obj = -1;
    let size = 10;
    let font = '';
    for (let i = 0; i < n; i++) {
      if (fn.FPDFText_IsGenerated(text, i)) continue; // PDFium's own spaces and line ends
      const u = fn.FPDFText_GetUnicode(text, i);
      if (u === 0) continue;
      const ch = String.fromCodePoint(u);
      // A real space is kept between two glyphs of one piece, as pdf.js keeps it.
      if (WHITE.test(ch)) {
        pendingSpace = cur !== null;
        continue;
      }
      const o = fn.FPDFText_GetTextObject(text, i);
      if (o !== obj) {
        obj = o;
        fn.FPDFText_GetMatrix(text, i, scratch);
        const scale = Math.hypot(heap.HEAPF32[f] as number, heap.HEAPF32[f + 1] as number) || 1;
        const next = (fn.FPDFText_GetFontSize(text, i) || 10) * scale;
        const name = fontName(fn, heap, text, i, scratch);
        // pdf.js starts a new piece where the font or its size changes (a font without a name,
        // as Chromium writes them, cannot be told apart: it counts as the same).
        if (Math.abs(next - size) > 0.01 || name !== font) flush();
        size = next;
        font = name;
      }
      fn.FPDFText_GetCharOrigin(text, i, scratch, scratch + 8);
      const x = heap.HEAPF64[d] as number;
      const y = heap.HEAPF64[d + 1] as number;
      fn.FPDFText_GetLooseCharBox(text, i, scratch);
      let left = heap.HEAPF32[f] as number;
      let right = heap.HEAPF32[f + 2] as number;
      // Vertical writing: the loose box is not the glyph's; the glyph's own box is.
      const vertical = !(right - left >= 0 && right - left <= 3 * size);
      if (vertical) {
        fn.FPDFText_GetCharBox(text, i, scratch, scratch + 8, scratch + 16, scratch + 24);
        left = heap.HEAPF64[d] as number;
        right = heap.HEAPF64[d + 1] as number;
      }
      const c = cur as Piece | null;
      if (c && vertical && c.vertical) {
        // Down the column, glyph under glyph.
        if (Math.abs(c.x - x) <= 0.5 * size && c.bottom - y >= NEGATIVE_MAX * size && c.bottom - y <= (1 + SPACE_MAX) * size) {
          c.str += ch;
          c.bottom = y;
          continue;
        }
      } else if (c && !vertical && !c.vertical && Math.abs(c.y - y) <= 0.5 * size) {
        const gap = x - c.right;
        if (gap >= NEGATIVE_MAX * size && gap <= SPACE_MAX * size) {
          c.str += pendingSpace || gap > SPACE_MIN * size ? ` ${ch}` : ch;
          c.right = Math.max(c.right, right);
          pendingSpace = false;
          continue;
        }
      }
      flush();
      cur = { str: ch, x, y, size, right: Math.max(right, x), bottom: y, vertical };
    }
    flush();
  } finally {
    fn.FPDFText_ClosePage(text);
  }
  return items;
}

interface Piece {
  str: string;
  x: number;
  y: number;
  size: number;
  right: number;
  bottom: number;
  vertical: boolean;
}

/** The font's name, as bytes: it is only compared. */
function fontName(fn: Fn, heap: Heap, text: number, i: number, scratch: number): string {
  const len = Math.min(fn.FPDFText_GetFontInfo(text, i, scratch, 48, scratch + 56) - 1, 48);
  let name = '';
  for (let k = 0; k < len; k++) name += String.fromCharCode(heap.HEAPU8[scratch + k] as number);
  return name;
}

const PATH = 2;
const FORM = 5;
const LINETO = 0;
const BEZIERTO = 1;
const MOVETO = 2;

/** Painted paths of a page (inside form XObjects too), as pdf-grid's path data under their matrix. */
function pagePaths(fn: Fn, heap: Heap, page: number, scratch: number): PaintedPath[] {
  const out: PaintedPath[] = [];
  const f = scratch >> 2;
  const matrixOf = (obj: number): Mat => {
    fn.FPDFPageObj_GetMatrix(obj, scratch);
    return [0, 1, 2, 3, 4, 5].map((k) => heap.HEAPF32[f + k] as number) as Mat;
  };
  const walk = (count: number, get: (k: number) => number, outer: Mat | null, depth: number) => {
    for (let k = 0; k < count; k++) {
      const obj = get(k);
      const type = fn.FPDFPageObj_GetType(obj);
      if (type === FORM && depth < 8) {
        const m = matrixOf(obj);
        walk(fn.FPDFFormObj_CountObjects(obj), (j) => fn.FPDFFormObj_GetObject(obj, j), outer ? mul(m, outer) : m, depth + 1);
      } else if (type === PATH) {
        fn.FPDFPath_GetDrawMode(obj, scratch, scratch + 4);
        const fill = heap.HEAP32[f] as number;
        const stroke = heap.HEAP32[f + 1] as number;
        if (!fill && !stroke) continue;
        const m = matrixOf(obj);
        const data: number[] = [];
        const segs = fn.FPDFPath_CountSegments(obj);
        let bezier = 0;
        for (let s = 0; s < segs; s++) {
          const seg = fn.FPDFPath_GetPathSegment(obj, s);
          const kind = fn.FPDFPathSegment_GetType(seg);
          fn.FPDFPathSegment_GetPoint(seg, scratch + 32, scratch + 36);
          const x = heap.HEAPF32[f + 8] as number;
          const y = heap.HEAPF32[f + 9] as number;
          if (kind === MOVETO) data.push(0, x, y);
          else if (kind === LINETO) data.push(1, x, y);
          else if (kind === BEZIERTO) {
            // Three points make one curve; pdf-grid only needs to know there was one.
            if (bezier++ % 3 === 0) data.push(2, x, y, x, y, x, y);
          }
          if (fn.FPDFPathSegment_GetClose(seg)) data.push(4);
        }
        out.push({ ctm: outer ? mul(m, outer) : m, data, filled: !!fill && !stroke });
      }
    }
  };
  walk(fn.FPDFPage_CountObjects(page), (k) => fn.FPDFPage_GetObject(page, k), null, 0);
  return out;
}
