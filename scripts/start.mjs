#!/usr/bin/env node
// `npm start`: the API with the dashboard at /, on an embedded PostgreSQL unless DATABASE_URL is set.
// Signals are passed on so Ctrl-C stops the API and its database cleanly; the exit code says
// whether the API stopped because it was asked to (0) or not (non-zero, for supervisors).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { apiNodeFlags } from './api-node-flags.mjs';

const main = fileURLToPath(new URL('../apps/api/dist/main.js', import.meta.url));
const web = fileURLToPath(new URL('../apps/web/dist', import.meta.url));
if (!existsSync(main)) {
  console.error('gongkai: the API is not built yet — run `npm ci` (or `npm run build`) first');
  process.exit(1);
}
// graphql-js and Express skip development-only checks in production (measured: ~2x GraphQL throughput).
const env = { NODE_ENV: 'production', ...process.env };
if (!env.GONGKAI_WEB_DIR && existsSync(web)) env.GONGKAI_WEB_DIR = web;
// The IPC channel ties the API to this process: if this one dies (even by kill -9), the API sees
// the channel close and shuts down with its database.
const child = spawn(process.execPath, [...apiNodeFlags(env), main], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env });
let asked = null;
const stop = (sig) => {
  if (asked) return;
  asked = sig;
  child.kill(sig);
  // An API that does not stop in time is killed; its database watcher then stops PostgreSQL.
  setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
// `npm start` does not pass SIGTERM on (npm exits, its shell too, and this process is left to
// init): a changed parent means whoever started us is gone, so stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 500).unref();
child.on('exit', (code, signal) => {
  if (signal) {
    // Killed: fine only if we asked for exactly that; otherwise a supervisor should restart us.
    process.exit(signal === asked ? 0 : 128 + (constants.signals[signal] ?? 1));
  }
  process.exit(code ?? 1);
});
