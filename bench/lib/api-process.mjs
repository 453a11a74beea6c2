// The API as `npm start` runs it (dist/main.js, production), in its own process, for the benchmarks
// that measure it over HTTP. Resolves once `ready` answers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@gongkai/api';
import { apiNodeFlags } from '../../scripts/api-node-flags.mjs';

const root = new URL('../../', import.meta.url).pathname;

export async function startApiProcess(env, { ready = '/health', stdio = 'inherit' } = {}) {
  const port = await freePort();
  const full = { NODE_ENV: 'production', ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env };
  const proc = spawn(process.execPath, [...apiNodeFlags(full), join(root, 'apps/api/dist/main.js')], { env: full, stdio });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}${ready}`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    proc,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.on('exit', r));
    },
  };
}
