import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM shared with scripts/start.mjs and the benchmarks
import { apiNodeFlags, SEMI_SPACE_MB } from '../scripts/api-node-flags.mjs';

describe('the API process’s Node.js flags', () => {
  it('give V8 a larger young generation than its default', () => {
    expect(SEMI_SPACE_MB).toBeGreaterThan(16);
    expect(apiNodeFlags({})).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
    expect(apiNodeFlags({ NODE_OPTIONS: '--max-old-space-size=2048 --enable-source-maps' })).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
  });

  it('leave the semi-space to an operator who set one in NODE_OPTIONS (either spelling)', () => {
    expect(apiNodeFlags({ NODE_OPTIONS: '--max-semi-space-size=8' })).toEqual([]);
    expect(apiNodeFlags({ NODE_OPTIONS: '--enable-source-maps --max_semi_space_size=128' })).toEqual([]);
  });
});
