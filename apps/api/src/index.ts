export { csvField, parseCsv } from './common/csv.js';
export { type AppConfig, ConfigError, loadConfig } from './config/config.js';
export * from './database/index.js';
export { type IngestOutcome, type Ingestor, openIngestor, unitKey } from './ingest.js';
export { DEMO_COUNTY, DEMO_USERS } from './modules/demo/demo-county.js';
export { JurisdictionsService } from './modules/jurisdictions/jurisdictions.service.js';
export { SubmissionsService } from './modules/reports/submissions.service.js';
export { freePort, migrate, type RunningServer, startServer } from './server.js';
