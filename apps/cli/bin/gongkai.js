#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the workspace's prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongkai: not built yet — run `npm ci` (or `npm run build`) in the repository first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// Exit explicitly, once output is flushed: a dependency's exit hook would otherwise turn the code into 0.
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
