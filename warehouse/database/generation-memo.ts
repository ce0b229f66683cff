/**
 * What changes only with a load, remembered per warehouse generation: the members a filter is checked against, each
 * case type's members for the row estimate, the values of the published figures' text filters, the published twins.
 * Without it every request asked the database for them again (a metric request cost up to three statements before its
 * own). An API process follows the warehouse generation (server/result-cache/generation-listener.ts) and tells its
 * memo: `trust(generation)` once the database its queries read has reached the announced generation, `distrust()` when
 * a load is announced or the listener is lost. Untrusted, and wherever no process follows the generation (tests,
 * scripts), every look-up goes to the database, as before.
 */
export class GenerationMemo {
  /** Most look-ups held: a request's own arguments (codes, years) pick some keys, so their number has a bound. */
  static readonly MAX_ENTRIES = 2_000;
  #generation: string | null = null;
  readonly #entries = new Map<string, Promise<unknown>>();
  #hits = 0;
  #misses = 0;

  /** The generation whose values are held (null: none are held or served). */
  get generation(): string | null {
    return this.#generation;
  }

  /** Look-ups answered from memory and computed, since the process started (for /metrics and tests). */
  get stats(): { hits: number; misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }

  /** The database the queries read has reached `generation`: remember from now on (a new generation starts empty). */
  trust(generation: string): void {
    if (generation !== this.#generation) this.#entries.clear();
    this.#generation = generation;
  }

  /** A load was announced (or the listener lost): forget everything and compute until trusted again. */
  distrust(): void {
    this.#generation = null;
    this.#entries.clear();
  }

  /**
   * The value of `key` at the trusted generation, computed once. A value computed while a load is announced is
   * dropped with the entries, so no answer of an older generation is kept under a newer one; a failed look-up is not
   * remembered.
   */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.#generation === null) return compute();
    const held = this.#entries.get(key);
    if (held) {
      this.#hits += 1;
      return held as Promise<T>;
    }
    this.#misses += 1;
    const value = compute();
    // The oldest look-up goes first (a Map keeps insertion order).
    if (this.#entries.size >= GenerationMemo.MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, value);
    value.catch(() => {
      if (this.#entries.get(key) === value) this.#entries.delete(key);
    });
    return value;
  }
}

/** The memo of each database handle an API process follows; a handle without one computes every look-up. */
const MEMOS = new WeakMap<object, GenerationMemo>();

/** Makes `memo` the one the look-ups through `db` use (the server does this for its query connection). */
export function attachGenerationMemo(db: object, memo: GenerationMemo): void {
  MEMOS.set(db, memo);
}

/** A handle derived from `from` (e.g. with a per-request plugin) uses `from`'s memo. */
export function shareGenerationMemo(from: object, to: object): void {
  const memo = MEMOS.get(from);
  if (memo) MEMOS.set(to, memo);
}

/** `compute()`'s value for `key`, remembered for the warehouse generation when `db` has a trusted memo. */
export function rememberForGeneration<T>(db: object, key: string, compute: () => Promise<T>): Promise<T> {
  const memo = MEMOS.get(db);
  return memo ? memo.remember(key, compute) : compute();
}
