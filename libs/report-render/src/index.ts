export { renderReport, RENDER_FORMATS, RENDER_EXT, type RenderFormat } from './render.js';
export { layout, type Block } from './layout.js';
export { randomReport, type RandomReportOptions } from './random.js';
