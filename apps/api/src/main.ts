import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/config.js';
import { startServer } from './server.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`gongkai: ${e.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw e;
  }
  const server = await startServer(config);
  const log = new Logger('Gongkai');
  log.log(`ready: ${server.url}  (GraphQL ${server.url}/graphql, health ${server.url}/health)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: shutting down`);
    try {
      await server.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // Started by scripts/start.mjs: when it goes (even by kill -9), the channel closes; so do we.
  if (process.send) process.on('disconnect', () => void stop('parent process gone'));
}

main().catch((e) => {
  process.stderr.write(`gongkai: could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
