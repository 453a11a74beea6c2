export { templateMarkdown } from './doc.js';
export * from './labels.js';
export * from './report.js';
export * from './rules.js';
export * from './template.js';
