import type { Provenance, SourceFormat } from '@gongkai/report-template';

/** One cell as the container gave it, before any interpretation. */
export interface SrcCell {
  text: string;
  prov: Omit<Provenance, 'raw'>;
}

/** One physical row: a table row, a line of text, a line of a PDF page. */
export interface SrcRow {
  cells: SrcCell[];
  /** Whether empty cells in this row are real blank cells (vs. layout filler). */
  blanksAreCells: boolean;
  /** True for rows that came from a real table (HTML, Word, markdown). */
  table?: boolean;
  /** Known to be running text (a sentence cut out of page text), never a table row. */
  prose?: boolean;
  /** The row's tokens, once tokenised (tokens.ts); a copy of the row with other cells must drop it. */
  tokens?: unknown[];
}

export interface SrcDoc {
  format: SourceFormat;
  encoding?: string;
  pages?: number;
  rows: SrcRow[];
  /** The container holds pictures (img, PDF page images): used to explain an empty result. */
  hasImages: boolean;
  /** The decoded text, for text-based inputs. */
  raw?: string;
  /**
   * The text is a paged document's lines in reading order (a PDF's text layer saved as text):
   * a table's cells come column by column or block by block, not row by row, and nothing says
   * which row or column a number stood in. Its table numbers cannot be placed.
   */
  tableOrderLost?: boolean;
}
