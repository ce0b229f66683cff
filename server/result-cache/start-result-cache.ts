import type { Kysely } from 'kysely';
import { GENERATION_CHANNEL, readGeneration } from '../../warehouse/database/generation.js';
import { attachGenerationMemo, GenerationMemo } from '../../warehouse/database/generation-memo.js';
import type { Database } from '../../warehouse/database/tables.js';
import type { Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/metrics.js';
import { listenForGenerations, type GenerationFollower } from './generation-listener.js';
import { ResultCache } from './result-cache.js';

export interface ResultCacheOptions {
  /** Largest size of the cache; 0 turns it off (the generation memo still follows the warehouse). */
  maxBytes: number;
  /** Where loads commit and NOTIFY: the primary (the API's own database unless it reads from a replica). */
  listenUrl: string;
  /** Milliseconds between checks of the listening connection (tests shorten it). */
  heartbeatMs?: number;
}

export interface RunningResultCache {
  /** The answers' cache; null when RESULT_CACHE_MB is 0. */
  cache: ResultCache | null;
  /** The look-ups remembered per generation (warehouse/database/generation-memo.ts) for the process's `db`. */
  memo: GenerationMemo;
  /** Resolves once the listener has connected and checked the generation (or failed to, and keeps retrying). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * What one API process keeps per warehouse generation (the result cache, when on, and the generation memo), its
 * /metrics, and the listener that keeps both to the generation.
 */
export function startResultCache(options: ResultCacheOptions, db: Kysely<Database>, metrics: ApiMetrics, logger: Logger): RunningResultCache {
  const m = metrics.cache;
  const cache =
    options.maxBytes > 0
      ? new ResultCache(options.maxBytes, {
          hit: () => m.hits.inc(),
          miss: () => m.misses.inc(),
          bypass: () => m.bypassed.inc(),
          evict: () => m.evictions.inc(),
          invalidate: () => m.invalidations.inc(),
          bytes: (total) => m.bytes.set(total),
        })
      : null;
  const memo = new GenerationMemo();
  attachGenerationMemo(db, memo);
  const followers: GenerationFollower[] = cache ? [cache, memo] : [memo];
  const listener = listenForGenerations({
    url: options.listenUrl,
    followers,
    logger,
    channel: GENERATION_CHANNEL,
    heartbeatMs: options.heartbeatMs,
    readGeneration: () => readGeneration(db),
  });
  return { cache, memo, ready: listener.ready, stop: () => listener.stop() };
}
