#!/usr/bin/env node
// A corpus of reports made by real producers — Chromium print-to-PDF and page text, LibreOffice
// PDF and .docx — for seeds × blank modes, each input with the canonical truth it was made from:
//   DIR/<shape>/<case>.input.<ext>   DIR/<shape>/<case>.truth.json
// Usage: node bench/parse/producers.mjs --out DIR [--n 20] [--from 1] [--shapes a,b] [--modes b0,b30]
// Needs `npm run build` (the renderer's dist), Chromium, and LibreOffice's soffice, pandoc and
// poppler's pdftotext for their shapes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { availableShapes, BLANK_MODES, producerCases, produceShapes, SHAPES } from '../../test/support/producers.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    n: { type: 'string', default: '20' },
    from: { type: 'string', default: '1' },
    shapes: { type: 'string' },
    modes: { type: 'string' },
  },
});
if (!values.out) {
  console.error('usage: node bench/parse/producers.mjs --out DIR [--n 20] [--from 1] [--shapes a,b] [--modes b0,b30]');
  process.exit(2);
}
const out = resolve(values.out);
const have = availableShapes();
const shapes = values.shapes ? values.shapes.split(',') : Object.keys(SHAPES);
for (const s of shapes) {
  if (!SHAPES[s]) throw new Error(`unknown shape ${s}: ${Object.keys(SHAPES).join(', ')}`);
  if (!have.includes(s)) throw new Error(`${s} needs ${SHAPES[s].needs}, which is not installed`);
}
const modes = values.modes ? values.modes.split(',') : Object.keys(BLANK_MODES);
for (const m of modes) if (!BLANK_MODES[m]) throw new Error(`unknown blank mode ${m}: ${Object.keys(BLANK_MODES).join(', ')}`);
const from = Number(values.from);
const seeds = Array.from({ length: Number(values.n) }, (_, i) => from + i);
const cases = producerCases(seeds, modes);

const started = performance.now();
const made = await produceShapes(cases, shapes);
for (const s of shapes) mkdirSync(join(out, s), { recursive: true });
for (const m of made) {
  writeFileSync(join(out, m.shape, `${m.case}.input.${m.ext}`), m.input);
  writeFileSync(join(out, m.shape, `${m.case}.truth.json`), `${JSON.stringify(m.truth, null, 1)}\n`);
}
const lines = [
  `# Producer corpus`,
  '',
  `Made by \`node bench/parse/producers.mjs --n ${values.n} --from ${from}\`: seeds ${seeds[0]}–${seeds[seeds.length - 1]}, blank modes ${modes.join(', ')}.`,
  'Each `<case>.truth.json` is the canonical report the input was made from (a blank printed cell is null).',
  '',
  '| shape | files | made by |',
  '|---|---:|---|',
  ...shapes.map((s) => `| ${s} | ${made.filter((m) => m.shape === s).length} | ${SHAPES[s].what} |`),
  '',
  '| mode | blank cells |',
  '|---|---|',
  ...modes.map((m) => `| ${m} | ${BLANK_MODES[m].label} |`),
];
writeFileSync(join(out, 'README.md'), `${lines.join('\n')}\n`);
console.log(`${made.length} files (${cases.length} cases × ${shapes.length} shapes) in ${out} — ${((performance.now() - started) / 1000).toFixed(1)} s`);
