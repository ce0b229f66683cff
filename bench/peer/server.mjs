/**
 * PostGraphile v5 over the bench database: the peer the product is benchmarked against. Run with the Node 22 binary
 * of this package (bench/peer/node_modules/node/bin/node); PostGraphile v5 refuses Node 20.
 *
 * Environment: DATABASE_URL (required), PORT (required), HOST (default 127.0.0.1), PG_POOL_MAX (default 10, as the
 * product's pool). Prints "peer ready on <url>" once it listens.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
if (!connectionString || !Number.isInteger(port)) throw new Error('DATABASE_URL and PORT are required');

// The same pool size as the product (PG_POOL_MAX, default 10), so both put the same concurrency on PostgreSQL.
const pool = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10), application_name: 'bench-postgraphile' });
pool.on('error', () => undefined);

/**
 * The events of a case cannot be declared as a foreign key in PostgreSQL: case_fact is partitioned by received_date,
 * so its only unique key is (case_id, received_date), which case_event does not carry. A PostGraphile deployment
 * would declare the relation with smart tags, as here (configuration, not code).
 */
const CaseEventRelation = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      'cases.case_fact': { tags: { unique: 'case_id' } },
      'cases.case_event': { tags: { foreignKey: '(case_id) references cases.case_fact (case_id)|@fieldName case|@foreignFieldName events' } },
    },
  },
});

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  plugins: [CaseEventRelation],
  pgServices: [makePgService({ pool, schemas: ['public', 'cases'] })],
  // Read-only, like the product: no mutations.
  schema: { defaultBehavior: '-insert -update -delete' },
  grafserv: { port, host, graphiql: false, watch: false, maxRequestLength: 100_000 },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
await pgl.getSchema();
server.listen(port, host, () => console.log(`peer ready on http://${host}:${port}/graphql`));

async function shutdown() {
  server.close();
  await pgl.release();
  await pool.end().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
