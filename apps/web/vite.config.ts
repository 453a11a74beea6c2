import { defaultClientConditions, defineConfig } from 'vite';

// The libs are consumed as TypeScript source (the `source` export condition), as everywhere else.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // GraphiQL's editor (Monaco) is large; it is its own page and never part of the dashboard's.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: { main: `${import.meta.dirname}/index.html`, graphiql: `${import.meta.dirname}/graphiql.html` },
      // React libraries' "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000' } },
});
