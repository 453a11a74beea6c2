#!/usr/bin/env node
// Times bench/country's questions against one running server, from a process of its own: the
// loader that made the country (run.mjs) keeps its heap and its garbage collector out of the
// timings. Usage (run.mjs starts it): node client.mjs '<json>' where the JSON holds
//   { url, side: 'ours' | 'peer' | 'floor', warmup, spec, metrics?: { url, token } }
// ('floor': floor-server.mjs, sent Gongkai's requests so that the client's own work is the same).
// It prints one JSON line on stdout: per question { p50, p95, f50, f95 } in ms.
import http from 'node:http';
import { questionSet, REPEATED, TIMED } from './questions.mjs';

const { url, side, warmup, spec, metrics } = JSON.parse(process.argv[2]);
const asked = side === 'peer' ? 'peer' : 'ours';
const questions = questionSet(spec).map((q) => ({ label: q.label, same: q[asked][0], fresh: q[asked][1], warm: q[asked][2] }));

// node:http on one kept-alive connection, not fetch: timed against floor-server.mjs, fetch (undici)
// put 0.3–0.5 ms into every request and its p95 moved between 0.5 and 4.5 ms from one 100
// requests to the next; node:http gave 0.2 ms and mostly 0.25–0.6 ms. What the client adds is in
// both servers' figures alike, and hid the difference between them on the shortest questions.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
/**
 * One request, timed from sending to its whole answer read; a GraphQL error fails the run. An
 * answer is parsed only when it says "errors" somewhere: parsing every one (a province's ranking is
 * ~60 kB of JSON) filled the client's heap, and its scavenges fell on the next question's requests.
 */
function time(body) {
  const text = JSON.stringify(body);
  const s = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const took = performance.now() - s;
          const answer = Buffer.concat(chunks);
          if (res.statusCode === 200 && answer.indexOf('"errors"') < 0) return resolve(took);
          const errors = JSON.parse(answer.toString()).errors;
          if (errors || res.statusCode !== 200) reject(new Error(`${res.statusCode} ${JSON.stringify(errors).slice(0, 500)}`));
          else resolve(took);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/**
 * Waits until Gongkai has no country-wide slice read under way or waiting (ADR 0008): the
 * warm-up's questions start them, and the rows measured next are the steady state, as the
 * compiled code is. The cost of questions whose slice is not read is the last row's.
 */
async function settled() {
  if (!metrics) return;
  for (let i = 0; i < 1200; i++) {
    const text = await (await fetch(metrics.url, { headers: { authorization: `Bearer ${metrics.token}` } })).text();
    if (Number(/^gongkai_unit_slice_reads (\d+)/m.exec(text)?.[1] ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('slice reads still under way after 2 minutes');
}

// A new server process is cold (its JIT has compiled nothing yet): before anything is timed, each
// question's repeated form and its first-asked form are asked `warmup` times each, on either side
// alike (the first-asked form with questions the timed ones never ask: questions.mjs, `warm`).
// Warming the repeated form alone left Gongkai's first-asked path cold when it was timed (its
// repeats are answered from a cache) and PostGraphile's warm (it answers a repeat as it answers
// anything): the first 100 of 500 first-asked YoYs took 5.0 / 11.1 ms (p50 / p95), the last 100
// 2.8 / 6.6 ms.
for (const q of questions)
  for (let i = 0; i < warmup; i++) {
    await time(q.same());
    await time(q.warm(i));
  }
await settled();
const latency = [];
for (const q of questions) {
  for (let i = 0; i < 10; i++) await time(q.same());
  const rep = [];
  const t0 = performance.now();
  while (rep.length < REPEATED.max && (rep.length < REPEATED.min || performance.now() - t0 < REPEATED.ms)) rep.push(await time(q.same()));
  const first = [];
  for (let i = 0; i < TIMED; i++) first.push(await time(q.fresh(i)));
  const m = { p50: pct(rep, 0.5), p95: pct(rep, 0.95), f50: pct(first, 0.5), f95: pct(first, 0.95) };
  latency.push(m);
  console.error(
    `  ${{ ours: '', peer: 'PostGraphile ', floor: 'floor ' }[side]}${q.label}: repeated p50 ${m.p50.toFixed(1)} / p95 ${m.p95.toFixed(1)} ms (${rep.length} requests); first asked p50 ${m.f50.toFixed(1)} / p95 ${m.f95.toFixed(1)} ms`,
  );
}
await settled();
console.log(JSON.stringify(latency));
