import pg from 'pg';
import type { Logger } from '../observability/logger.js';

/** What keeps to the warehouse generation: the result cache (answers) and the generation memo (look-ups). */
export interface GenerationFollower {
  /** A load was announced, or the listener lost: stop serving what is held. */
  distrust(): void;
  /** The query side has reached `generation`: serve again (what an older generation held is gone). */
  trust(generation: string): void;
  /** Drop what an older generation held (the cache counts it). */
  invalidate?(generation: string): void;
}

export interface GenerationListenerOptions {
  /** Connection for LISTEN: the primary, where loads commit and NOTIFY is sent. */
  url: string;
  followers: readonly GenerationFollower[];
  /**
   * Reads the generation where the API's queries run (the same database, or a read replica). The followers serve
   * again only once this has reached the announced generation, so a lagging replica cannot fill them with old answers.
   */
  readGeneration(): Promise<string>;
  logger: Logger;
  /** How often the live connection is checked and the generation re-read (a missed packet cannot go unnoticed). */
  heartbeatMs?: number;
  channel: string;
}

export interface GenerationListener {
  /** Resolves once the first check has run (the cache may still be untrusted if the database was unreachable). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Keeps one dedicated connection LISTENing for warehouse changes and drops the followers' entries on each. When that
 * connection is lost (a restart, a terminated backend, a network cut), the followers are distrusted at once: requests
 * compute without them until the listener has reconnected, LISTENs again and has re-read the generation.
 */
export function listenForGenerations(options: GenerationListenerOptions): GenerationListener {
  const { logger } = options;
  /** The generation the followers were last trusted with (null: distrusted). */
  let trusted: string | null = null;
  const all = {
    distrust() {
      trusted = null;
      for (const f of options.followers) f.distrust();
    },
    trust(generation: string) {
      trusted = generation;
      for (const f of options.followers) f.trust(generation);
    },
    invalidate(generation: string) {
      for (const f of options.followers) f.invalidate?.(generation);
    },
  };
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  /** The newest generation announced; the cache is trusted again once the query side has reached it. */
  let announced = 0n;

  const lost = (current: pg.Client, reason: string) => {
    if (client !== current) return;
    client = null;
    clearInterval(heartbeat);
    all.distrust();
    current.removeAllListeners('notification');
    current.end().catch(() => undefined);
    if (stopped) return;
    logger.warn({ reason, retryMs }, 'result cache: generation listener lost; serving uncached until it is back');
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  /** Trusts the cache once the query side has the announced generation (at once on one database). */
  const settle = async (current: pg.Client) => {
    for (let attempt = 0; ; attempt++) {
      const generation = await options.readGeneration();
      if (client !== current) return;
      if (BigInt(generation) >= announced) {
        all.trust(generation);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1_000)));
    }
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const current = new pg.Client({ connectionString: options.url, application_name: 'migration-warehouse-cache-listener', keepAlive: true });
    client = current;
    current.on('error', (error) => lost(current, error.message));
    current.on('end', () => lost(current, 'connection ended'));
    current.on('notification', (message) => {
      if (message.channel !== options.channel || client !== current) return;
      const generation = message.payload ?? '0';
      if (/^\d+$/.test(generation) && BigInt(generation) > announced) announced = BigInt(generation);
      all.invalidate(generation);
      all.distrust();
      settle(current).catch((error: Error) => lost(current, error.message));
    });
    try {
      await current.connect();
      // LISTEN first, then read: a load that commits in between is either seen by the read or announced after it.
      await current.query(`listen ${options.channel}`);
      const { rows } = await current.query<{ generation: string }>('select generation::text as generation from warehouse_generation');
      const primary = BigInt(rows[0]?.generation ?? '0');
      if (primary > announced) announced = primary;
      await settle(current);
      retryMs = RETRY_MIN_MS;
      clearInterval(heartbeat);
      heartbeat = setInterval(() => {
        current
          .query('select generation::text as generation from warehouse_generation')
          .then(({ rows: [row] }) => {
            // A generation the notifications did not announce: something was missed; start over from the database.
            if (client === current && row && row.generation !== trusted && BigInt(row.generation) > announced) {
              announced = BigInt(row.generation);
              all.distrust();
              return settle(current);
            }
            return undefined;
          })
          .catch((error: Error) => lost(current, error.message));
      }, heartbeatMs);
      heartbeat.unref();
    } catch (error) {
      lost(current, error instanceof Error ? error.message : String(error));
    }
  };

  const ready = connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const current = client;
      client = null;
      all.distrust();
      await current?.end().catch(() => undefined);
    },
  };
}
