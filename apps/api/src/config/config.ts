import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ensureDir } from '../common/dirs.js';
import { type ParsePoolSettings, parsePoolSettings } from '../parsing/settings.js';

/** Every setting the API reads, validated once at start-up. `.env.example` documents each. */
export interface AppConfig {
  port: number;
  host: string;
  /** Absent: an embedded PostgreSQL is started with its data in `dataDir/pg`. */
  databaseUrl: string | null;
  dataDir: string;
  authSecret: string;
  tokenTtlHours: number;
  /** Published data readable without logging in. */
  publicRead: boolean;
  maxUploadBytes: number;
  /** Load the demo county into an empty database. */
  seedDemo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Built dashboard to serve at `/`, if present. */
  webDir: string | null;
  /** Worker processes that parse uploads, and each parse's time and memory limits. */
  parse: ParsePoolSettings;
  /** Queries slower than this are logged as warnings; 0: none. */
  slowQueryMs: number;
  /** When set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /**
   * Keep the published-data version in memory, told of changes by PostgreSQL LISTEN/NOTIFY;
   * off: read it from the database on every request (behind PgBouncer in transaction mode,
   * where LISTEN does not work).
   */
  listenDataVersion: boolean;
  /** A query document is compiled (graphql-jit) once asked this many times; 0: never. */
  compileQueriesAfter: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const BOOL = /^(1|0|true|false|yes|no|on|off)$/i;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN; // not 0x14 or 2e1
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!BOOL.test(raw)) {
      problems.push(`${name} must be true or false (got "${raw}")`);
      return def;
    }
    return /^(1|true|yes|on)$/i.test(raw);
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const dataDirRaw = env.GONGKAI_DATA_DIR?.trim() || '.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const logLevel = (env.LOG_LEVEL?.trim() || 'log') as AppConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) problems.push(`LOG_LEVEL must be error, warn, log or debug (got "${env.LOG_LEVEL}")`);
  let authSecret = env.AUTH_SECRET?.trim() ?? '';
  if (authSecret && authSecret.length < 32) problems.push('AUTH_SECRET must be at least 32 characters');
  const host = env.HOST?.trim() || '0.0.0.0';
  const webDirRaw = env.GONGKAI_WEB_DIR?.trim();
  const parse = parsePoolSettings(env);
  problems.push(...parse.problems);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');

  const config: AppConfig = {
    port: int('PORT', 3000, 1, 65535),
    host,
    databaseUrl,
    dataDir,
    authSecret,
    tokenTtlHours: int('TOKEN_TTL_HOURS', 12, 1, 24 * 90),
    publicRead: bool('PUBLIC_READ', true),
    maxUploadBytes: int('MAX_UPLOAD_MB', 20, 1, 200) * 1024 * 1024,
    seedDemo: bool('SEED_DEMO', true),
    logLevel,
    webDir: webDirRaw ? resolve(cwd, webDirRaw) : null,
    parse: parse.options,
    slowQueryMs: int('SLOW_QUERY_MS', 500, 0, 600_000),
    metricsToken,
    listenDataVersion: bool('DATA_VERSION_LISTEN', true),
    compileQueriesAfter: int('GRAPHQL_COMPILE_AFTER', 2, 0, 1000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  // The data folder holds the embedded database and the generated secrets: make sure it can be.
  if (!authSecret || !databaseUrl) {
    try {
      ensureDir(dataDir);
    } catch (e) {
      throw new ConfigError([`GONGKAI_DATA_DIR: ${(e as Error).message}`]);
    }
  }
  if (!authSecret) {
    // No secret given: keep one beside the data so tokens survive restarts of a local install.
    const file = join(dataDir, 'auth-secret');
    if (existsSync(file)) authSecret = readFileSync(file, 'utf8').trim();
    else {
      authSecret = randomBytes(32).toString('hex');
      writeFileSync(file, authSecret, { mode: 0o600 });
    }
    config.authSecret = authSecret;
  }
  return config;
}
