#!/usr/bin/env node
// No import cycles between the API's feature modules (apps/api/src/modules/<feature>): every
// import between two modules, followed module to module, must never lead back. The composition
// root's lists (database/entities.ts, common/loaders.ts) name every module by design and are not
// part of any module's chain, so only imports from one module's file to another's count.
import { cruise } from 'dependency-cruiser';

const MODULE = /^apps\/api\/src\/modules\/([^/]+)\//;
const result = await cruise(['apps/api/src/modules'], { tsPreCompilationDeps: true, exclude: { path: '\\.test\\.ts$' } }, undefined, {
  tsConfig: { fileName: 'apps/api/tsconfig.json' },
});
const edges = new Map();
for (const m of result.output.modules) {
  const from = MODULE.exec(m.source)?.[1];
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = MODULE.exec(d.resolved)?.[1];
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
  }
}
// A cycle is a path back to where it started; report each once, with one import per step.
const cycles = [];
const seen = new Set();
const walk = (start, node, path) => {
  for (const [next, why] of edges.get(node) ?? []) {
    if (next === start) {
      const key = [...path.map((p) => p.module)].sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push([...path, { module: next, why }]);
      }
    } else if (!path.some((p) => p.module === next) && next > start) walk(start, next, [...path, { module: next, why }]);
  }
};
for (const start of [...edges.keys()].sort()) walk(start, start, [{ module: start, why: '' }]);
for (const c of cycles) {
  console.error(`cycle: ${c.map((p) => p.module).join(' → ')}`);
  for (const p of c.slice(1)) console.error(`  ${p.why}`);
}
console.log(`${edges.size} API modules, ${[...edges.values()].reduce((n, e) => n + e.size, 0)} module-to-module imports, ${cycles.length} cycles`);
process.exit(cycles.length ? 1 : 0);
