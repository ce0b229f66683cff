import { availableParallelism } from 'node:os';
import { connectWarehouse } from '../warehouse/database/connect.js';
import type { AccessConfig } from './api-keys.js';
import type { Config } from '../config/settings.js';
import { createApp } from './create-app.js';
import type { Logger } from './observability/logger.js';
import { startOtlpTracing } from './observability/tracing.js';
import type { ClusterSupervisor } from '../warehouse/database/cluster-supervisor.js';

/** Where one API process reads, and where it listens for warehouse changes. */
export interface ApiDatabase {
  /** Connection of the API's queries (the read-only role, or a read replica). */
  apiUrl: string;
  /** Connection the result cache LISTENs on: where loads commit (the primary). */
  listenUrl: string;
}

export interface RunningApi {
  /** Drains in-flight requests, stops the cache listener and closes the pool. */
  stop(): Promise<void>;
}

/** One API process: its pool, the app and its result cache, listening on the configured port. */
export async function serveApi(
  config: Config,
  access: AccessConfig,
  logger: Logger,
  database: ApiDatabase,
  supervisor?: ClusterSupervisor,
): Promise<RunningApi> {
  // Traces go out over OTLP only when an endpoint is set; otherwise every span is the OpenTelemetry API's no-op.
  const tracing = config.otlpEndpoint ? startOtlpTracing(config.otlpEndpoint) : undefined;
  const warehouse = connectWarehouse(database.apiUrl, {
    maxConnections: config.maxConnections,
    statementTimeoutMs: config.statementTimeoutMs,
    namedStatements: config.namedStatements === 'on',
  });
  const app = await createApp({
    db: warehouse.db,
    pool: warehouse.pool,
    production: config.production,
    bodyLimit: config.bodyLimit,
    access,
    logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxQueryCost: config.maxQueryCost,
    trustedDocuments: config.trustedDocuments,
    subgraph: config.subgraph,
    exportRowCap: config.exportRowCap,
    metricsPort: config.metricsPort,
    supervisor,
    pxwebCorsOrigins: config.pxwebCorsOrigins,
    concurrency: config.graphqlConcurrency ?? config.maxConnections,
    pxwebConcurrency: config.pxwebConcurrency ?? availableParallelism(),
    groupingConcurrency: config.groupingConcurrency ?? availableParallelism(),
    largeGroupingRows: config.largeGroupingRows,
    queueMax: config.queueMax,
    loopTurns: config.loopTurns === 'on',
    operationLane: config.operationLane === 'on',
    resultCache: { maxBytes: config.resultCacheMb * 1024 * 1024, listenUrl: database.listenUrl },
  });
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  if (app.metricsServer) await new Promise<void>((resolve) => app.metricsServer?.listen(config.metricsPort, config.host, resolve));
  return {
    async stop() {
      await app.stop();
      await warehouse.close();
      await tracing?.shutdown();
    },
  };
}
