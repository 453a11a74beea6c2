export { type Block, layout } from './layout.js';
export { type RandomReportOptions, randomReport, rng } from './random.js';
export { RENDER_EXT, RENDER_FORMATS, type RenderFormat, renderReport } from './render.js';
