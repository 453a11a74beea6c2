// One format, in its own process so peak memory is its own. Prints one JSON line.
import { readFile } from 'node:fs/promises';
import { parseReport } from '@gongkai/report-parser';
import { RENDER_EXT, randomReport, renderReport } from '@gongkai/report-render';

const [format, countArg, ...pdfs] = process.argv.slice(2);
const count = Number(countArg);
const inputs = [];
if (format === 'pdf') {
  const files = await Promise.all(pdfs.map((f) => readFile(f)));
  for (let i = 0; i < count; i++) inputs.push({ bytes: new Uint8Array(files[i % files.length]), name: 'r.pdf' });
} else {
  for (let i = 0; i < count; i++) inputs.push({ bytes: renderReport(randomReport(i + 1), format), name: `r.${RENDER_EXT[format]}` });
}
let peak = process.memoryUsage().rss;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const bytes = inputs.reduce((s, x) => s + x.bytes.length, 0);
// The first pass over the inputs is timed on its own: a process just started also compiles (V8
// optimises a function only after many calls). Then two more passes; the rate reported is the
// median of the three — what a long batch runs at, with the cold start shown beside it.
const passes = [];
for (let k = 0; k < 3; k++) {
  const started = performance.now();
  for (const x of inputs) await parseReport(x.bytes, x.name);
  passes.push((performance.now() - started) / 1000);
}
const cold = passes[0];
const seconds = [...passes].sort((a, b) => a - b)[1];
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  JSON.stringify({
    format,
    reports: count,
    avgKB: bytes / count / 1024,
    reportsPerSec: count / seconds,
    coldReportsPerSec: count / cold,
    mbPerSec: bytes / 1024 / 1024 / seconds,
    peakRssMB: peak / 1024 / 1024,
  }),
);
