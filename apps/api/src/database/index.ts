export { createDataSource, dataSourceOptions } from './data-source.js';
export { startEmbeddedPostgres, type EmbeddedDb } from './embedded.js';
