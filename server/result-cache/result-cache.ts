import { LRUCache } from 'lru-cache';

/** A response as it went out: status, the headers the GraphQL layer (or export) set, and the exact body. */
export interface CachedResponse {
  status: number;
  headers: [string, string][];
  /** The serialised body, as sent (a Buffer: counted exactly, and sent without re-encoding). */
  body: Buffer;
}

/** What the cache reports to /metrics. */
export interface ResultCacheEvents {
  hit(): void;
  miss(): void;
  /** The listener was not live (or not yet re-checked): the request computed without the cache. */
  bypass(): void;
  evict(): void;
  invalidate(): void;
  bytes(total: number): void;
}

const NO_EVENTS: ResultCacheEvents = { hit() {}, miss() {}, bypass() {}, evict() {}, invalidate() {}, bytes() {} };

/** Per-entry bookkeeping beyond the body (key, headers, LRU node): a fixed estimate, so the bound holds with it. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Answers by key, for one warehouse generation, bounded by bytes (least recently used go first). It serves only
 * while it is *trusted*: the generation listener is live and has checked the generation since it (re)connected.
 * Every change of state (invalidation, loss of trust, regained trust) advances an epoch; a response computed under
 * an older epoch is not stored, so an answer computed before a reload never lands in the cache after it.
 */
export class ResultCache {
  readonly maxBytes: number;
  private readonly entries: LRUCache<string, CachedResponse>;
  private epoch = 0;
  private trusted = false;
  private generation: string | null = null;

  constructor(
    maxBytes: number,
    private readonly events: ResultCacheEvents = NO_EVENTS,
  ) {
    this.maxBytes = maxBytes;
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      // An entry larger than an eighth of the cache would flush too much of it: such answers are not kept.
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
      sizeCalculation: (value, key) => entrySize(key, value),
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') events.evict();
      },
    });
  }

  /** The generation the entries belong to (null before the first check). */
  get currentGeneration(): string | null {
    return this.generation;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  get size(): number {
    return this.entries.calculatedSize;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  /** The cached answer, counted as a hit or a miss; undefined (and a bypass) while the cache is not trusted. */
  lookup(key: string): { hit: CachedResponse } | { ticket: number } | null {
    if (!this.trusted) {
      this.events.bypass();
      return null;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.events.hit();
      return { hit };
    }
    this.events.miss();
    return { ticket: this.epoch };
  }

  /** Keeps an answer computed under `ticket` (from lookup), unless the warehouse or the trust changed meanwhile. */
  store(key: string, ticket: number, response: CachedResponse): void {
    if (!this.trusted || ticket !== this.epoch) return;
    this.entries.set(key, response);
    this.events.bytes(this.entries.calculatedSize);
  }

  /** A notification: the warehouse moved to `generation`; every entry goes. */
  invalidate(generation: string): void {
    this.epoch += 1;
    this.generation = generation;
    this.clear();
    this.events.invalidate();
  }

  /** The listener is gone: serve nothing from the cache until it is back and has checked the generation. */
  distrust(): void {
    this.epoch += 1;
    this.trusted = false;
  }

  /** The listener is live and the database is at `generation`: entries of another generation go, then serve. */
  trust(generation: string): void {
    this.epoch += 1;
    if (generation !== this.generation) {
      this.generation = generation;
      this.clear();
      this.events.invalidate();
    }
    this.trusted = true;
  }

  private clear(): void {
    this.entries.clear();
    this.events.bytes(0);
  }
}

function entrySize(key: string, value: CachedResponse): number {
  let headerBytes = 0;
  for (const [name, text] of value.headers) headerBytes += name.length + text.length;
  return value.body.length + key.length + headerBytes + ENTRY_OVERHEAD_BYTES;
}
