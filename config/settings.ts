/**
 * Every setting the product reads from the environment, declared once: its variable, default, meaning and parser.
 * `readConfig(env)` reads and checks them all (one message naming every bad value); the rest of the code receives the
 * values as arguments. The README's settings table is generated from this list (`npm run docs:settings`, with a drift
 * test). This module imports nothing of the product, so every layer may use it.
 */

interface Setting<T> {
  variable: string;
  /** The default as the README shows it. */
  shown: string;
  meaning: string;
  parse(text: string | undefined): T;
}

class SettingError extends Error {}

const text = (variable: string, fallback: string, meaning: string, shown = `\`${fallback}\``): Setting<string> => ({
  variable,
  shown,
  meaning,
  parse: (t) => (t === undefined || t === '' ? fallback : t),
});

const optional = (variable: string, meaning: string): Setting<string | undefined> => ({
  variable,
  shown: 'unset',
  meaning,
  parse: (t) => (t === undefined || t === '' ? undefined : t),
});

/** A number: whole or not, at least `min` (or above it); `fallback` undefined makes the setting optional. */
function numeric<F extends number | undefined>(
  variable: string,
  fallback: F,
  meaning: string,
  rule: { whole: boolean; min: number; above?: boolean },
): Setting<number | F> {
  const kind = rule.whole ? 'a whole number' : 'a number';
  return {
    variable,
    shown: fallback === undefined ? 'unset' : `\`${fallback}\``,
    meaning,
    parse(t) {
      if (t === undefined || t.trim() === '') return fallback;
      const value = Number(t);
      const ok = (rule.whole ? Number.isInteger(value) : Number.isFinite(value)) && (rule.above ? value > rule.min : value >= rule.min);
      if (!ok) throw new SettingError(`${variable} must be ${kind} ${rule.above ? '>' : '≥'} ${rule.min}, got "${t}"`);
      return value;
    },
  };
}

const wholeNumber = (variable: string, fallback: number, meaning: string, min = 0) => numeric(variable, fallback, meaning, { whole: true, min });

function oneOf<const V extends string>(variable: string, values: readonly V[], fallback: V, meaning: string): Setting<V> {
  return {
    variable,
    shown: `\`${fallback}\``,
    meaning,
    parse(t) {
      if (t === undefined || t === '') return fallback;
      if (!(values as readonly string[]).includes(t)) throw new SettingError(`${variable} must be one of ${values.join(', ')}, got "${t}"`);
      return t as V;
    },
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const SETTINGS = {
  port: wholeNumber('PORT', 4000, 'HTTP port'),
  host: text('HOST', '127.0.0.1', 'interface to listen on (`0.0.0.0` for all)'),
  databaseUrl: optional('DATABASE_URL', 'any PostgreSQL; when set, no embedded server is started'),
  dataDirectory: optional(
    'PGDATA_DIR',
    'data directory of the embedded PostgreSQL; unset: `.data/postgres`, or a folder under `/tmp` when run as root',
  ),
  production: {
    variable: 'NODE_ENV',
    shown: 'unset',
    meaning: '`production` turns introspection, the playground and stack traces off',
    parse: (t: string | undefined) => t === 'production',
  } satisfies Setting<boolean>,
  statementTimeoutMs: wholeNumber('STATEMENT_TIMEOUT_MS', 10_000, 'the database cancels a statement after this long (error code `TIMEOUT`)'),
  maxConnections: wholeNumber('PG_POOL_MAX', 10, 'connections in the pool', 1),
  namedStatements: oneOf(
    'NAMED_STATEMENTS',
    ['on', 'off'] as const,
    'on',
    'hot reads go as named (prepared) statements, planned once per connection; `off` behind a pooler that cannot keep them (see [docs/cold-path.md](docs/cold-path.md))',
  ),
  loopTurns: oneOf(
    'LOOP_TURNS',
    ['on', 'off'] as const,
    'on',
    "statements' results are handed on in turns of the event loop of at most 1 000 rows, so that the process accepts and reads connections between heavy answers; `off` only to price it (see [docs/cold-path.md](docs/cold-path.md))",
  ),
  operationLane: oneOf(
    'OPERATION_LANE',
    ['on', 'off'] as const,
    'on',
    "a query the server has already answered without errors runs again on its compiled code without Apollo Server's per-request pipeline (the same answer, log line and metrics); `off` only to price it (see [docs/cold-path.md](docs/cold-path.md))",
  ),
  graphqlConcurrency: numeric(
    'GRAPHQL_CONCURRENCY',
    undefined,
    'GraphQL operations each API process executes at once; more wait their turn in arrival order (answers from the result cache do not wait); unset: `PG_POOL_MAX`; 0 = no limit (see [docs/cold-path.md](docs/cold-path.md))',
    { whole: true, min: 0 },
  ),
  pxwebConcurrency: numeric(
    'PXWEB_CONCURRENCY',
    undefined,
    "PxWeb data requests (`/api/v2/tables/{id}/data`) each API process computes at once: each is one large grouping, CPU-bound in PostgreSQL; more wait their turn in arrival order; unset: the machine's cores; 0 = no limit",
    { whole: true, min: 0 },
  ),
  groupingConcurrency: numeric(
    'GROUPING_CONCURRENCY',
    undefined,
    "large metric groupings (`LARGE_GROUPING_ROWS` rows or more, estimated before they run) one API process computes at once for GraphQL and the CSV export, inside their operations' turns: each is CPU-bound in PostgreSQL, so more at once than cores only make all of them slower; unset: the machine's cores; 0 = no limit",
    { whole: true, min: 0 },
  ),
  largeGroupingRows: wholeNumber(
    'LARGE_GROUPING_ROWS',
    5000,
    'rows from which a metric grouping counts as large and takes turns by `GROUPING_CONCURRENCY` (the most rows it can have, from the members each case type holds)',
  ),
  queueMax: wholeNumber(
    'QUEUE_MAX',
    1000,
    'requests waiting for their turn at most, in each queue (GraphQL, PxWeb data, large groupings); one more is refused at once with 503 and `Retry-After`',
  ),
  bodyLimit: text('BODY_LIMIT', '100kb', 'largest request body'),
  caseScale: numeric(
    'CASE_SCALE',
    1,
    'scale of the generated case-level facts a first start loads (1: national volume, 2.0 million cases; 0: none)',
    { whole: false, min: 0 },
  ),
  seedsDirectory: optional('SEEDS_DIR', 'folder of the source reports; unset: `../shared/seeds` beside the repository'),
  readerDatabaseUrl: optional(
    'READER_DATABASE_URL',
    'connection of a read-only role for API queries; by default the server creates `warehouse_reader` itself',
  ),
  readerPasswordSecret: optional(
    'READER_PASSWORD_SECRET',
    "secret `warehouse_reader`'s password is derived from, the same on every instance; unset: the owner connection's password (random when it has none)",
  ),
  apiKeys: optional(
    'API_KEYS',
    'API keys and roles, `key1:analyst,key2:admin` (keys ≥ 16 characters); see [Roles, keys and limits](#roles-keys-and-limits)',
  ),
  apiKeysFile: optional('API_KEYS_FILE', 'path of a JSON object `{"key": "role"}`, read like `API_KEYS`'),
  anonymousRole: oneOf(
    'ANONYMOUS_ROLE',
    ['public', 'analyst', 'admin', 'none'] as const,
    'public',
    'role of requests without a key; `none` refuses them (401)',
  ),
  rateLimitPerMinute: wholeNumber('RATE_LIMIT_PER_MINUTE', 600, 'requests per minute per API key (or per address without one); 0 = off'),
  maxQueryCost: wholeNumber('MAX_QUERY_COST', 20_000, 'largest list-size cost of one operation'),
  trustedDocuments: optional(
    'TRUSTED_DOCUMENTS',
    'path of a manifest `{sha256: query}`, or of a registry folder of apps like `clients/` (see [Registered clients](#registered-clients)): only those operations run',
  ),
  exportRowCap: wholeNumber('EXPORT_ROW_CAP', 100_000, 'most rows one CSV export streams'),
  shutdownGraceMs: wholeNumber('SHUTDOWN_GRACE_MS', 10_000, 'how long SIGTERM waits for in-flight requests'),
  metricsPort: numeric('METRICS_PORT', undefined, 'serve `/metrics` on this port (same `HOST`); unset: on `PORT`, for an admin key only', {
    whole: true,
    min: 1,
  }),
  embeddedRestartGiveUpS: numeric(
    'EMBEDDED_RESTART_GIVEUP_S',
    60,
    'how long the server keeps restarting a crashed embedded PostgreSQL before it exits with status 1 (see [Operations](#operations-crashes-and-reloads))',
    { whole: false, min: 0, above: true },
  ),
  logLevel: oneOf(
    'LOG_LEVEL',
    LOG_LEVELS,
    'info',
    'pino log level (`info` logs one line per request, written to standard output in batches at most a quarter second late; `warn` only problems)',
  ),
  resultCacheMb: wholeNumber(
    'RESULT_CACHE_MB',
    64,
    'megabytes of answers each API process keeps until the warehouse changes (see [Result cache](#result-cache)); 0 = off',
  ),
  embeddedPgPort: numeric(
    'EMBEDDED_PG_PORT',
    undefined,
    'port of the embedded PostgreSQL, for a stable address in saved SQL connections; unset (or 0): a free port',
    { whole: true, min: 0 },
  ),
  biReaderPassword: optional(
    'BI_READER_PASSWORD',
    'password of the `bi_reader` SQL login; unset: a random one, printed at start (see [SQL access for BI tools](#sql-access-for-bi-tools))',
  ),
  biStatementTimeoutMs: wholeNumber('BI_STATEMENT_TIMEOUT_MS', 60_000, '`bi_reader` statements are cancelled after this long'),
  subgraph: {
    variable: 'SUBGRAPH',
    shown: 'unset',
    meaning:
      "`true` serves each role's schema as an Apollo Federation 2 subgraph (`_service`, `_entities`, `@key`s; see [Federation subgraph](#federation-subgraph))",
    parse: (t: string | undefined) => t === 'true',
  } satisfies Setting<boolean>,
  otlpEndpoint: optional(
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OpenTelemetry collector (OTLP/HTTP, e.g. `http://localhost:4318`): one trace per request goes there; unset: no tracing (see [Tracing](#tracing))',
  ),
  pxwebCorsOrigins: optional(
    'PXWEB_CORS_ORIGINS',
    'origins (comma-separated, or `*`) whose browser apps may call the PxWeb API v2 face `/api/v2` (public role only: no key header crosses origins); unset: closed',
  ),
  workers: wholeNumber('WORKERS', 1, 'API processes on this machine (node:cluster, one port); see [`docs/scaling.md`](docs/scaling.md)', 1),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Config = { [K in SettingName]: ReturnType<(typeof SETTINGS)[K]['parse']> };

/** Reads and checks every setting; throws one error naming every variable with a bad value. */
export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const config: Partial<Record<SettingName, unknown>> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting<unknown>][]) {
    try {
      config[name] = setting.parse(env[setting.variable]);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new Error(`invalid settings: ${problems.join('; ')}`);
  return config as Config;
}

/** The README's settings table, generated from SETTINGS. */
export function settingsTable(): string {
  const rows = Object.values(SETTINGS).map((s) => `| \`${s.variable}\` | ${s.shown} | ${s.meaning} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
