export * from './template.js';
export * from './report.js';
export * from './rules.js';
export * from './labels.js';
