export { metricsMarkdown, templateMarkdown } from './doc.js';
export * from './equations.js';
export * from './formats.js';
export * from './labels.js';
export * from './metrics.js';
export * from './organ.js';
export * from './report.js';
export * from './rules.js';
export * from './template.js';
