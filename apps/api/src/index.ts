export * from './database/index.js';
export { startServer, migrate, freePort, type RunningServer } from './server.js';
export { loadConfig, ConfigError, type AppConfig } from './config/config.js';
export { SubmissionsService } from './modules/reports/submissions.service.js';
export { JurisdictionsService } from './modules/jurisdictions/jurisdictions.service.js';
