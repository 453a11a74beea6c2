// PostGraphile v5 with @graphile/pg-aggregates over the same database as Gongkai, for bench/country.
// Exposes one view (schema postgraphile_bench) of published figures with each unit's ancestors in
// indexed columns, so its `condition` argument selects a county or a province by index — what a
// PostGraphile user would build for these questions.
// Usage: node22 server.mjs <DATABASE_URL> <port>
import { createServer } from 'node:http';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const [connectionString, port] = process.argv.slice(2);
const db = new pg.Client({ connectionString });
await db.connect();
await db.query('CREATE SCHEMA IF NOT EXISTS postgraphile_bench');
// Each unit's county, city and province as indexed columns: equality conditions stay index scans.
await db.query(`CREATE TABLE IF NOT EXISTS postgraphile_bench.unit_scope AS
  SELECT id AS unit_id, kind::text AS unit_kind,
         split_part(path, '.', 1)::int AS province_id,
         nullif(split_part(path, '.', 2), '')::int AS city_id,
         nullif(split_part(path, '.', 3), '')::int AS county_id
    FROM jurisdiction`);
for (const c of ['unit_id', 'province_id', 'city_id', 'county_id'])
  await db.query(`CREATE INDEX IF NOT EXISTS unit_scope_${c} ON postgraphile_bench.unit_scope (${c})`);
await db.query('ANALYZE postgraphile_bench.unit_scope');
await db.query(`CREATE OR REPLACE VIEW postgraphile_bench.published_figures AS
  SELECT f.*, s.unit_kind, s.province_id, s.city_id, s.county_id
    FROM postgraphile_bench.unit_scope s
    JOIN report r ON r."jurisdictionId" = s.unit_id
    JOIN report_figures f ON f."versionId" = r."publishedVersionId"`);
await db.query(`COMMENT ON TABLE postgraphile_bench.unit_scope IS '@behavior -*'`);
await db.end();

const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  pgServices: [makePgService({ connectionString, schemas: ['postgraphile_bench'], poolConfig: { max: 10 } })],
  grafserv: { port: Number(port), graphqlPath: '/graphql', graphiql: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once('listening', () => {
  serv.addTo(server);
  console.log(`postgraphile ready on ${port}`);
});
server.listen(Number(port), '127.0.0.1');
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
