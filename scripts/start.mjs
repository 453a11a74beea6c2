#!/usr/bin/env node
// Until the API lands, `npm start` shows what Gongkai reads from the bundled real report.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../apps/cli/bin/gongkai.js', import.meta.url));
const sample = fileURLToPath(new URL('../libs/report-parser/fixtures/huaiyuan-town-2023/input.txt', import.meta.url));
const r = spawnSync(process.execPath, [bin, 'parse', sample], { stdio: 'inherit' });
process.exit(r.status ?? 1);
