// Module boundaries, checked by `npm run lint` (the workspace project's lint target) and so by CI.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      comment: 'libs are the shared, pure layer: an app may use a lib, never the other way round',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-imports-browser-safe-libs-only',
      comment:
        'the dashboard bundles for the browser: only libs (or lib entry points) that need no Node built-ins — csv, report-template, report-render/layout',
      severity: 'error',
      from: { path: '^apps/web/src' },
      to: { path: '^(libs|apps)/', pathNot: ['^apps/web/', '^libs/csv/src/', '^libs/report-template/src/', '^libs/report-render/src/layout\\.ts$'] },
    },
    {
      name: 'browser-safe-libs-use-no-node-builtins',
      comment: 'what the web imports must run in a browser',
      severity: 'error',
      from: { path: ['^apps/web/src', '^libs/csv/src/', '^libs/report-template/src/', '^libs/report-render/src/layout\\.ts$'], pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    // Cycles between the API's feature modules: scripts/check-module-cycles.mjs (module to module,
    // not through the composition root's lists of every module).
    {
      name: 'no-file-cycles',
      comment: 'import cycles between files make load order matter (Nest providers come out undefined)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.d.ts'],
    },
  },
};
