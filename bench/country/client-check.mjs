#!/usr/bin/env node
// What the timing client itself puts into bench/country's figures: floor-server.mjs timed with
// fetch (undici) and with node:http on one kept-alive connection, 10 × 100 sequential requests
// each, twice in turn. Prints the p50 and p95 of every 100. Usage: node bench/country/client-check.mjs
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { freePort } from '@gongkai/api';

const port = await freePort();
const floor = spawn(process.execPath, [join(import.meta.dirname, 'floor-server.mjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => floor.stdout.on('data', (d) => String(d).includes('ready') && resolve()));
const url = `http://127.0.0.1:${port}/graphql`;
const body = JSON.stringify({ query: '{ metricsVersion }', variables: { u: '1' } });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const clients = {
  fetch: async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json(),
  'node:http': () =>
    new Promise((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        },
      );
      req.on('error', reject);
      req.end(body);
    }),
};
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)];
try {
  for (const round of [1, 2])
    for (const [name, ask] of Object.entries(clients)) {
      for (let i = 0; i < 200; i++) await ask(); // warm-up
      const p50 = [];
      const p95 = [];
      for (let r = 0; r < 10; r++) {
        const times = [];
        for (let i = 0; i < 100; i++) {
          const s = performance.now();
          await ask();
          times.push(performance.now() - s);
        }
        p50.push(pct(times, 0.5).toFixed(2));
        p95.push(pct(times, 0.95).toFixed(2));
      }
      console.log(`round ${round}, ${name.padEnd(9)} p50 ${p50.join(' ')} ms | p95 ${p95.join(' ')} ms`);
    }
} finally {
  floor.kill();
}
