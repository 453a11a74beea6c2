export { createDataSource, dataSourceOptions } from './data-source.js';
export { type EmbeddedDb, startEmbeddedPostgres } from './embedded.js';
