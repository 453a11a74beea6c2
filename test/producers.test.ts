// The parser against documents made by REAL producers on this machine — Chromium's print to PDF,
// page text (as crawlers save it) and copied text, LibreOffice's PDF, .docx, HTML and text, pandoc,
// pdftotext — not only our renderer's shapes.
// Every cell must be right or named in a finding that refuses it: never silently wrong.
// Inputs that fail are kept in test-results/producers/<shape>/ with their truth, to look at.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport, UnreadableInputError } from '@gongkai/report-parser';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM shared with bench/parse
import { addScores, emptyScore, scoreCells } from './support/cell-score.mjs';
// @ts-expect-error plain ESM shared with bench/parse
import { availableShapes, BLANK_MODES, crawlText, findChromium, findSoffice, producerCases, produceShapes, SHAPES } from './support/producers.mjs';

type Made = { shape: string; case: string; ext: string; input: Uint8Array; truth: any };
type Score = { all: Record<string, number>; nonZero: Record<string, number>; wrongCells: { path: string; got: unknown; want: unknown }[] };

// 3 seeds × 5 blank modes = 15 documents per shape, 225 in all.
const SEEDS = [101, 102, 103];
const soffice = findSoffice();
const shapes = Object.keys(SHAPES) as string[];
const runnable = availableShapes().filter((s: string) => shapes.includes(s));
const OUT = join(process.cwd(), 'test-results', 'producers');

let made: Made[] = [];
const totals = new Map<string, ReturnType<typeof emptyScore>>();

beforeAll(async () => {
  if (!findChromium()) throw new Error('Chromium not found: apt-get install -y chromium, or set GONGKAI_CHROMIUM');
  made = await produceShapes(producerCases(SEEDS, Object.keys(BLANK_MODES)), runnable);
}, 240_000);

afterAll(() => {
  const pct = (x: number, of: number) => (of ? `${((100 * x) / of).toFixed(1)}%` : '–');
  const lines = ['shape                 all cells: right flagged wrong | non-zero: right flagged wrong'];
  for (const [shape, t] of totals) {
    lines.push(
      `${shape.padEnd(22)} ${pct(t.all.right, t.all.cells).padStart(6)} ${pct(t.all.flagged, t.all.cells).padStart(6)} ${pct(t.all.wrong, t.all.cells).padStart(6)} | ${pct(t.nonZero.right, t.nonZero.cells).padStart(6)} ${pct(t.nonZero.flagged, t.nonZero.cells).padStart(6)} ${pct(t.nonZero.wrong, t.nonZero.cells).padStart(6)}`,
    );
  }
  if (totals.size)
    console.log(`parser on real producers' documents (${SEEDS.length} seeds × ${Object.keys(BLANK_MODES).length} blank modes):\n${lines.join('\n')}`);
});

function keep(m: Made) {
  const dir = join(OUT, m.shape);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${m.case}.input.${m.ext}`), m.input);
  writeFileSync(join(dir, `${m.case}.truth.json`), `${JSON.stringify(m.truth, null, 1)}\n`);
}

describe('documents made by real producers', () => {
  it('are what each producer writes', () => {
    const text = (m: Made) => new TextDecoder().decode(m.input);
    for (const m of made) {
      if (m.ext === 'pdf') expect(text(m).slice(0, 5), `${m.shape}/${m.case}`).toBe('%PDF-');
      if (m.ext === 'docx') expect(Object.keys(unzipSync(m.input)), `${m.shape}/${m.case}`).toContain('word/document.xml');
      // Word 97–2003: an OLE2 compound file.
      if (m.ext === 'mhtml') expect(text(m), `${m.shape}/${m.case}`).toMatch(/^From: <Saved by Blink>[\s\S]*Content-Transfer-Encoding: quoted-printable/);
      if (m.ext === 'doc') expect([...m.input.subarray(0, 4)], `${m.shape}/${m.case}`).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    }
    // The PDF's Info /Producer: a literal string (Skia) or UTF-16BE hex (LibreOffice).
    const producer = (shape: string) => {
      const m = /\/Producer\s*(?:\(([^)]*)\)|<FEFF([0-9A-F]*)>)/.exec(text(made.find((x) => x.shape === shape) as Made));
      return m?.[1] ?? String.fromCharCode(...(m?.[2]?.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
    };
    expect(producer('chromium-pdf')).toMatch(/^Skia\/PDF/);
    if (soffice) expect(producer('libreoffice-pdf')).toMatch(/LibreOffice/);
    expect(producer('cairo-chromium-pdf')).toMatch(/^cairo /);
    expect(producer('ghostscript-chromium-pdf')).toMatch(/Ghostscript/);
    if (soffice) expect(producer('ps2pdf-libreoffice-pdf')).toMatch(/Ghostscript/);
    // A crawler's page.txt is one line with no whitespace; the spaced variant keeps spaces only between digits.
    for (const m of made.filter((x) => x.shape === 'page-text')) expect(text(m)).not.toMatch(/\s/);
    const spaced = made.filter((x) => x.shape === 'page-text-spaced').map(text);
    for (const t of spaced) expect(t.replace(/(?<=\d) (?=\d)/g, '')).not.toMatch(/\s/);
    expect(spaced.join('')).toMatch(/\d \d/);
    expect(crawlText('行政许可\t1\t\t2\n3.其他', { spaced: 1 })).toBe('行政许可1 23.其他');
    // Copied text keeps the browser's tabs and line breaks; pdftotext ends each page with a form feed.
    for (const m of made.filter((x) => x.shape === 'copied-text')) expect(text(m)).toMatch(/\t/);
    for (const m of made.filter((x) => x.shape.includes('pdftotext'))) expect(text(m)).toContain('\f');
    for (const m of made.filter((x) => x.shape === 'libreoffice-html')) expect(text(m)).toMatch(/<table[\s>]/i);
  });

  for (const shape of shapes) {
    if (!runnable.includes(shape)) {
      it.skip(`${shape}: its producer (${SHAPES[shape].needs}) is not installed — apt-get install -y --no-install-recommends libreoffice-writer pandoc poppler-utils`, () => {});
      continue;
    }
    // Where blank cells leave no trace (page text), the bar applies: ≤ 0.5 % silently wrong.
    const lossy = SHAPES[shape].blanksLost ? emptyScore() : null;
    const refused: string | undefined = SHAPES[shape].refused;
    if (refused) {
      it(`${shape}: every document is refused as ${refused}, never read`, async () => {
        const codes = [];
        for (const m of made.filter((x) => x.shape === shape))
          codes.push(
            await parseReport(m.input, `${m.case}.${m.ext}`).then(
              () => `${m.case}: read`,
              (e) => (e instanceof UnreadableInputError ? e.code : String(e)),
            ),
          );
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set([refused]));
      });
      continue;
    }
    it(`${shape}: every cell is right or flagged, none silently wrong${lossy ? ' (with blank cells: ≤ 0.5 %)' : ''}`, async () => {
      const total = emptyScore();
      totals.set(shape, total);
      const problems: string[] = [];
      for (const m of made.filter((x) => x.shape === shape)) {
        let s: Score;
        try {
          s = scoreCells(await parseReport(m.input, `${m.case}.${m.ext}`), m.truth);
        } catch (e) {
          if (!(e instanceof UnreadableInputError)) throw e;
          keep(m);
          problems.push(`${m.case}: refused a readable report (${e.code})`);
          continue;
        }
        addScores(total, s);
        if (lossy && !m.case.endsWith('-b0')) {
          addScores(lossy, s);
          if (s.wrongCells.length) keep(m);
        } else if (s.wrongCells.length) {
          keep(m);
          const some = s.wrongCells.slice(0, 3).map((w) => `${w.path} = ${w.got}, report says ${w.want}`);
          problems.push(`${m.case}: ${s.wrongCells.length} silently wrong (${some.join('; ')}${s.wrongCells.length > 3 ? '; …' : ''})`);
        }
      }
      expect(total.all.cells).toBeGreaterThan(0);
      if (lossy) {
        const rate = lossy.all.wrong / lossy.all.cells;
        if (rate > 0.005)
          problems.push(`documents with blank cells: ${lossy.all.wrong} of ${lossy.all.cells} cells silently wrong (${(100 * rate).toFixed(2)} % > 0.5 %)`);
      }
      expect(problems, `${shape}: ${total.all.wrong} of ${total.all.cells} cells silently wrong, kept in test-results/producers/${shape}/`).toEqual([]);
    });
  }
});

// Golden fixtures made by real producers carry the report they were made from (truth.json):
// their golden expected.json must agree with it, cell by cell.
describe('producer-made golden fixtures', () => {
  const root = join(process.cwd(), 'libs/report-parser/fixtures');
  const cases = readdirSync(root).filter((d) => readdirSync(join(root, d)).includes('truth.json'));
  it('exist', () => expect(cases.length).toBeGreaterThanOrEqual(4));
  for (const name of cases) {
    it(`${name}: every cell is the truth's or flagged`, async () => {
      const dir = join(root, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.')) as string;
      const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
      const golden = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      const parsed = parseReport(new Uint8Array(readFileSync(join(dir, input))), input);
      // A file that cannot be read at all states no number: refused with its golden reason.
      if (golden.error) return expect(parsed).rejects.toMatchObject({ code: golden.error.code });
      const s: Score = scoreCells(await parsed, truth);
      expect(s.wrongCells).toEqual([]);
    });
  }
});
