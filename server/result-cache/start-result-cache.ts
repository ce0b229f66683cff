import type { Kysely } from 'kysely';
import { GENERATION_CHANNEL, readGeneration } from '../../warehouse/database/generation.js';
import type { Database } from '../../warehouse/database/tables.js';
import type { Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/metrics.js';
import { listenForGenerations } from './generation-listener.js';
import { ResultCache } from './result-cache.js';

export interface ResultCacheOptions {
  /** Largest size of the cache; 0 turns it off. */
  maxBytes: number;
  /** Where loads commit and NOTIFY: the primary (the API's own database unless it reads from a replica). */
  listenUrl: string;
  /** Milliseconds between checks of the listening connection (tests shorten it). */
  heartbeatMs?: number;
}

export interface RunningResultCache {
  cache: ResultCache;
  /** Resolves once the listener has connected and checked the generation (or failed to, and keeps retrying). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** The result cache of one API process, its /metrics, and the listener that keeps it to the warehouse generation. */
export function startResultCache(options: ResultCacheOptions, db: Kysely<Database>, metrics: ApiMetrics, logger: Logger): RunningResultCache {
  const m = metrics.cache;
  const cache = new ResultCache(options.maxBytes, {
    hit: () => m.hits.inc(),
    miss: () => m.misses.inc(),
    bypass: () => m.bypassed.inc(),
    evict: () => m.evictions.inc(),
    invalidate: () => m.invalidations.inc(),
    bytes: (total) => m.bytes.set(total),
  });
  const listener = listenForGenerations({
    url: options.listenUrl,
    cache,
    logger,
    channel: GENERATION_CHANNEL,
    heartbeatMs: options.heartbeatMs,
    readGeneration: () => readGeneration(db),
  });
  return { cache, ready: listener.ready, stop: () => listener.stop() };
}
