#!/usr/bin/env node
// Cell accuracy: how many cells are right, flagged (refused: ambiguous or unreadable), or silently
// wrong — over all cells and over the non-zero ones. Two kinds of rows:
// - our renderer's shapes, N random valid reports each (blank: none / 30 % of zeros);
// - real producers' shapes (Chromium PDF and page text, LibreOffice PDF and .docx), made on the
//   fly (`--producers M` seeds × every blank mode) or read from a corpus written by
//   bench/parse/producers.mjs (`--corpus DIR`).
// Usage: node bench/parse/accuracy.mjs [N] [--producers M | --corpus DIR] [--wrong]
//   --producers 0 skips the producer rows, N = 0 the renderer rows; --wrong lists wrong cells.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReport, UnreadableInputError } from '@gongkai/report-parser';
import { RENDER_EXT, RENDER_FORMATS, randomReport, renderReport } from '@gongkai/report-render';
import { addScores, emptyScore, scoreCells, scoreRefusal } from '../../test/support/cell-score.mjs';
import { availableShapes, BLANK_MODES, producerCases, produceShapes, SHAPES } from '../../test/support/producers.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { producers: { type: 'string', default: '10' }, corpus: { type: 'string' }, wrong: { type: 'boolean', default: false } },
});
const n = Number(positionals[0] ?? 1000);

const pct = (x, of) => (of ? `${((100 * x) / of).toFixed(3)}%` : '–');
const header = () => {
  console.log('| shape | blank cells | files | cells | right | flagged | silently wrong | non-zero cells | right | flagged | silently wrong |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
};
const row = (shape, blank, files, s) =>
  console.log(
    `| ${shape} | ${blank} | ${files} | ${s.all.cells} | ${pct(s.all.right, s.all.cells)} | ${pct(s.all.flagged, s.all.cells)} | ${pct(s.all.wrong, s.all.cells)} | ${s.nonZero.cells} | ${pct(s.nonZero.right, s.nonZero.cells)} | ${pct(s.nonZero.flagged, s.nonZero.cells)} | ${pct(s.nonZero.wrong, s.nonZero.cells)} |`,
  );

async function score(input, fileName, truth, label) {
  try {
    const s = scoreCells(await parseReport(input, fileName), truth);
    if (values.wrong) for (const w of s.wrongCells) console.error(`${label}: ${w.path} = ${w.got}, report says ${w.want}`);
    return s;
  } catch (e) {
    if (!(e instanceof UnreadableInputError)) throw e;
    if (values.wrong) console.error(`${label}: refused (${e.code})`);
    return scoreRefusal(truth);
  }
}

header();
if (n > 0) {
  for (const f of RENDER_FORMATS) {
    for (const blankRate of [0, 0.3]) {
      const total = emptyScore();
      for (let seed = 1; seed <= n; seed++) {
        const d = randomReport(seed, { blankRate });
        addScores(total, await score(renderReport(d, f), `r.${RENDER_EXT[f]}`, d, `${f} #${seed}`));
      }
      row(f, blankRate ? '30% of zeros' : 'none', n, total);
    }
  }
}

// Producer rows: [{ shape, case, ext, input, truth }] from a corpus folder or made now.
let made = [];
if (values.corpus) {
  for (const shape of Object.keys(SHAPES)) {
    let files;
    try {
      files = readdirSync(join(values.corpus, shape));
    } catch {
      continue;
    }
    for (const f of files.filter((x) => x.includes('.input.')).sort()) {
      const name = f.slice(0, f.indexOf('.input.'));
      const truth = JSON.parse(readFileSync(join(values.corpus, shape, `${name}.truth.json`), 'utf8'));
      made.push({ shape, case: name, ext: f.slice(f.lastIndexOf('.') + 1), input: new Uint8Array(readFileSync(join(values.corpus, shape, f))), truth });
    }
  }
} else if (Number(values.producers) > 0) {
  const shapes = availableShapes();
  const missing = Object.keys(SHAPES).filter((s) => !shapes.includes(s));
  if (missing.length) console.error(`skipped (producer not installed): ${missing.join(', ')}`);
  made = await produceShapes(
    producerCases(
      Array.from({ length: Number(values.producers) }, (_, i) => 1 + i),
      Object.keys(BLANK_MODES),
    ),
    shapes,
  );
}
for (const shape of Object.keys(SHAPES)) {
  for (const mode of Object.keys(BLANK_MODES)) {
    const mine = made.filter((m) => m.shape === shape && m.case.endsWith(`-${mode}`));
    if (!mine.length) continue;
    const total = emptyScore();
    for (const m of mine) addScores(total, await score(m.input, `${m.case}.${m.ext}`, m.truth, `${shape}/${m.case}`));
    row(shape, BLANK_MODES[mode].label, mine.length, total);
  }
}
