import { layout } from '@gongkai/report-render/layout';
import { type CanonicalReport, reportTitle } from '@gongkai/report-template';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** A4 text width with 1.8 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 9900;
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

/** Column widths as Word copies of the template set them: table 三's label columns wide, numbers even. */
function gridWidths(width: number): number[] {
  if (width === 10) return [560, 1300, 2440, ...Array.from({ length: 7 }, () => 800)];
  if (width <= 4) return [TEXT_WIDTH - 2200 * (width - 1), ...Array.from({ length: width - 1 }, () => 2200)];
  return Array.from({ length: width }, () => Math.floor(TEXT_WIDTH / width));
}

const run = (text: string, size = 21, bold = false) => new TextRun({ text, size, bold, font: { eastAsia: '宋体', ascii: 'Times New Roman' } });

/**
 * The roll-up as a Word document in the national template's layout (the same blocks the
 * dashboard and the renderer print): merged header cells, the rule text in table 三's corner.
 * `stamp` is written in the footer, so the numbers' origin travels with the file.
 */
export async function rollupDocx(report: CanonicalReport, stamp: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of layout(report)) {
    if (b.kind === 'title') children.push(new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run(b.text, 32, true)] }));
    else if (b.kind === 'heading')
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(b.text, 24, true)] }));
    else if (b.kind === 'para') children.push(new Paragraph({ indent: { firstLine: 420 }, children: [run(b.text)] }));
    else {
      const width = Math.max(...b.rows.map((r) => r.reduce((n, c) => n + (c.colspan ?? 1), 0)));
      const widths = gridWidths(width);
      // Where each row's cells start in the grid: cells under a rowspan from above are skipped.
      const taken: boolean[][] = [];
      const rows = b.rows.map((row, ri) => {
        taken[ri] ??= [];
        let col = 0;
        const cells = row.map((c) => {
          while (taken[ri]?.[col]) col++;
          const cs = c.colspan ?? 1;
          const rs = c.rowspan ?? 1;
          for (let dr = 0; dr < rs; dr++) {
            taken[ri + dr] ??= [];
            for (let k = 0; k < cs; k++) (taken[ri + dr] as boolean[])[col + k] = true;
          }
          const w = widths.slice(col, col + cs).reduce((s, x) => s + x, 0);
          col += cs;
          const center = Boolean(c.value) || c.text.length <= 6;
          return new TableCell({
            columnSpan: cs > 1 ? cs : undefined,
            rowSpan: rs > 1 ? rs : undefined,
            width: { size: w, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: [new Paragraph({ alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(c.text, 18)] })],
          });
        });
        return new TableRow({ children: cells, cantSplit: true });
      });
      children.push(new Table({ rows, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders }));
    }
  }
  const doc = new Document({
    creator: 'Gongkai',
    title: reportTitle(report.organ, report.year),
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1440, bottom: 1440, left: 1000, right: 1000 },
          },
        },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(stamp, 16)] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
