import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes a folder and its missing parents, one level at a time. Node 20's recursive mkdir loops
 * forever (100 % CPU) under /proc; this answers with an error naming the folder instead.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = dir;
  while (!existsSync(d)) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  if (missing.length === 0) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
    return;
  }
  if (existsSync(d) && !statSync(d).isDirectory()) throw new Error(`${d} is not a folder`);
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw new Error(`cannot create the folder ${m} (${(e as Error).message})`);
    }
  }
}
