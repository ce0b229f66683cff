import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ClusterSupervisor } from '../../warehouse/database/cluster-supervisor.js';
import type { AdmissionQueue } from '../admission-queue.js';

/** Prometheus metrics of the API (`GET /metrics`), on a registry of its own so that tests can build several apps. */
export function createApiMetrics(pool?: pg.Pool, supervisor?: ClusterSupervisor) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation, outcome (ok or error code) and registered client (apollographql-client-name and -version; "other" when not registered).',
    labelNames: ['operation', 'outcome', 'client', 'client_version'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation, outcome and registered client.',
    labelNames: ['operation', 'outcome', 'client', 'client_version'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'graphql_sql_statements_per_request',
    help: 'SQL statements one GraphQL request sent.',
    buckets: [0, 1, 2, 4, 8, 16, 32, 64],
    registers: [registry],
  });
  const deprecatedFields = new Counter({
    name: 'graphql_deprecated_fields_total',
    help: 'Requests that read a deprecated field, argument or enum value, by registered client and schema coordinate: who would break if it were removed.',
    labelNames: ['client', 'field'] as const,
    registers: [registry],
  });
  const operationLane = new Counter({
    name: 'graphql_operation_lane_total',
    help: 'Requests for queries the operation lane holds (OPERATION_LANE), by outcome: "answered" by the lane without Apollo Server\'s pipeline, or "handed_on" to Apollo Server because the answer had errors (Apollo formats them; such a request executes twice).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'graphql_rejected_total',
    help: 'Requests refused before execution, by reason: an error code, or CLIENT_CLOSED (its client left while it waited for its turn).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const cache = {
    hits: new Counter({ name: 'result_cache_hits_total', help: 'Requests answered from the result cache.', registers: [registry] }),
    misses: new Counter({
      name: 'result_cache_misses_total',
      help: 'Requests the result cache did not hold (computed, then kept if complete).',
      registers: [registry],
    }),
    bypassed: new Counter({
      name: 'result_cache_bypassed_total',
      help: 'Requests computed without the cache because the generation listener was not live or not yet re-checked.',
      registers: [registry],
    }),
    evictions: new Counter({
      name: 'result_cache_evictions_total',
      help: 'Entries evicted to keep the cache within RESULT_CACHE_MB.',
      registers: [registry],
    }),
    invalidations: new Counter({
      name: 'result_cache_invalidations_total',
      help: 'Times every entry was dropped because the warehouse changed.',
      registers: [registry],
    }),
    bytes: new Gauge({
      name: 'result_cache_bytes',
      help: 'Bytes the result cache holds (bodies, keys, headers and a per-entry overhead).',
      registers: [registry],
    }),
  };
  if (pool) {
    new Gauge({
      name: 'pg_pool_connections',
      help: 'Database pool connections by state.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  if (supervisor) registerSupervisorMetrics(registry, supervisor);
  return { registry, requests, duration, statements, deprecatedFields, operationLane, rejected, cache };
}

export type ApiMetrics = ReturnType<typeof createApiMetrics>;

/** The admission queues' state, read at each scrape: requests computing and waiting for their turn, per queue. */
export function registerAdmissionMetrics(registry: Registry, queues: Readonly<Record<'graphql' | 'pxweb' | 'grouping', AdmissionQueue>>): void {
  new Gauge({
    name: 'admission_requests',
    help: 'Requests computing now (state "active") and waiting for their turn (state "queued"), by queue: "graphql" (GRAPHQL_CONCURRENCY), "pxweb" data requests (PXWEB_CONCURRENCY) or "grouping", large metric groupings of GraphQL and the CSV export (GROUPING_CONCURRENCY).',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [name, queue] of Object.entries(queues)) {
        this.set({ queue: name, state: 'active' }, queue.active);
        this.set({ queue: name, state: 'queued' }, queue.queued);
      }
    },
  });
}

/** The embedded cluster's supervision, read from the supervisor at each scrape. */
function registerSupervisorMetrics(registry: Registry, supervisor: ClusterSupervisor): void {
  new Gauge({
    name: 'embedded_postgres_up',
    help: 'Whether the embedded PostgreSQL runs (1), or is down: restarting or given up (0).',
    registers: [registry],
    collect() {
      this.set(supervisor.status() === 'up' ? 1 : 0);
    },
  });
  const counters: [string, string, () => number][] = [
    ['embedded_postgres_crashes_total', 'Unexpected exits of the embedded PostgreSQL postmaster.', supervisor.crashes],
    [
      'embedded_postgres_restart_attempts_total',
      'Attempts to start the embedded PostgreSQL again after an unexpected exit.',
      supervisor.restartAttempts,
    ],
    ['embedded_postgres_restarts_total', 'Restarts that brought the embedded PostgreSQL back.', supervisor.restarts],
    [
      'embedded_postgres_downtime_seconds_total',
      'Seconds the embedded PostgreSQL has been down after unexpected exits, the current outage included.',
      supervisor.downtimeSeconds,
    ],
  ];
  for (const [name, help, read] of counters) {
    new Counter({
      name,
      help,
      registers: [registry],
      // The supervisor holds the totals; a scrape copies them.
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }
}
