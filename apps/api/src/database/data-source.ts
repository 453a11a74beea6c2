import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Planner cost for SSDs, where random reads cost little more than sequential ones: with the
    // default (4, for spinning disks) a province ranking scanned every report of the year instead
    // of looking up its units' reports (~30 → ~20 ms).
    extra: { max: 10, application_name: 'gongkai', options: '-c random_page_cost=1.1' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
