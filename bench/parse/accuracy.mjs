#!/usr/bin/env node
// Cell accuracy on generated reports of every shape: how many cells are right, flagged
// (refused: ambiguous or unreadable), or silently wrong. Usage: node bench/parse/accuracy.mjs [N]
import { parseReport } from '@gongkai/report-parser';
import { RENDER_EXT, RENDER_FORMATS, randomReport, renderReport } from '@gongkai/report-render';
import { cellPaths, getCell } from '@gongkai/report-template';

const n = Number(process.argv[2] ?? 1000);
console.log('| format | blank cells | cells | right | flagged | silently wrong |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const f of RENDER_FORMATS) {
  for (const blankRate of [0, 0.3]) {
    let wrong = 0;
    let flagged = 0;
    let cells = 0;
    for (let seed = 1; seed <= n; seed++) {
      const d = randomReport(seed, { blankRate });
      const p = await parseReport(renderReport(d, f), `r.${RENDER_EXT[f]}`);
      const refused = new Set(p.findings.filter((x) => x.rule === 'parse.ambiguous' || x.rule === 'parse.cellCount').flatMap((x) => x.cells));
      for (const path of cellPaths(d.templateVersion)) {
        cells++;
        if (refused.has(path)) flagged++;
        else if (getCell(p, path) !== getCell(d, path)) wrong++;
      }
    }
    const pct = (x) => `${((100 * x) / cells).toFixed(3)}%`;
    console.log(`| ${f} | ${blankRate ? '30% of zeros' : 'none'} | ${cells} | ${pct(cells - flagged - wrong)} | ${pct(flagged)} | ${pct(wrong)} |`);
  }
}
