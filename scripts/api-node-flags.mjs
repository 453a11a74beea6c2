// The Node.js flags the API process runs with: `npm start` and the Docker image (scripts/start.mjs),
// and the benchmarks that time the API as they run it (bench/lib/api-process.mjs).
//
// A 64 MiB semi-space for V8's young generation (its default is 16 MiB, and less under a memory
// limit below 2 GiB). A question asked for the first time allocates 0.5–0.7 MB on its way through
// Apollo (parsing, validation, execution, its rows); with 16 MiB a scavenge came every ~25 such
// questions and paused the one it fell on for 5–16 ms on a 2-core host: 4–5 of every 100, the p95.
// With 64 MiB one in 100 is paused. The price: ~40 MB more memory at peak, and a p99 under 50
// connections of ~60 ms against ~40 ms. ADR 0011 and docs/benchmarks.md (2026-12-02) measure it.
export const SEMI_SPACE_MB = 64;

/**
 * The flags for the API's `node`. An operator's own `--max-semi-space-size` in NODE_OPTIONS wins
 * (flags on the command line would override it, so none is added then).
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function apiNodeFlags(env) {
  return /--max[-_]semi[-_]space[-_]size\b/.test(env.NODE_OPTIONS ?? '') ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
}
