import { WakeUps } from './wake-ups.js';

/** Why a request was not computed: the queue was full, or its client left while it waited. */
export type NotComputed = 'SERVICE_UNAVAILABLE' | 'CLIENT_CLOSED';

/**
 * At most `limit` requests compute at once in this process; the others wait their turn in arrival order. The API
 * keeps three: GraphQL operations (as many as the pool has connections), PxWeb data requests and large metric
 * groupings (as many as cores).
 *
 * Why: Node interleaves every admitted request at each `await`, so under 50 clients each request shares the CPU and
 * the pool with 49 others, and an unlucky one waits behind many of them again at each of its statements. Admitting
 * only as many as the database can serve keeps it as busy and lets the rest queue fairly, holding no half-built
 * answer in memory meanwhile (docs/cold-path.md has what the bench measured).
 *
 * A queue has a bound: beyond `queueLimit` waiting, a request is refused at once (`AdmissionRefused`, answered 503
 * with Retry-After) instead of waiting longer than any client would. A request whose client has gone by its turn is
 * not run (`AdmissionAbandoned`). Either is reported to `notComputed` (the API counts them on /metrics), so the
 * callers only shape their answers.
 */
export class AdmissionQueue {
  private running = 0;
  /** Waiting requests' wake-ups, oldest first. */
  private readonly waiting = new WakeUps();

  constructor(
    /** Operations executing at once; 0 = no limit. */
    readonly limit: number,
    /** Operations waiting at most; more are refused. */
    readonly queueLimit: number,
    /** Told of each request refused or abandoned. */
    private readonly notComputed: (why: NotComputed) => void = () => undefined,
  ) {}

  /** Requests waiting for a turn now. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Requests executing now. */
  get active(): number {
    return this.running;
  }

  /**
   * Runs `task` in its turn; throws AdmissionRefused when the queue is full, and AdmissionAbandoned instead of
   * running it when `gone` says, at its turn, that nobody waits for the answer any more.
   */
  async run<T>(task: () => Promise<T>, gone?: () => boolean): Promise<T> {
    if (this.limit === 0) return task();
    if (this.running >= this.limit) {
      if (this.queued >= this.queueLimit) {
        this.notComputed('SERVICE_UNAVAILABLE');
        throw new AdmissionRefused(this.queueLimit);
      }
      // The slot is handed over by the request that leaves (`running` is not decremented then), so a request
      // arriving meanwhile cannot overtake the queue.
      await new Promise<void>((wake) => this.waiting.push(wake));
    } else this.running += 1;
    try {
      if (gone?.()) {
        this.notComputed('CLIENT_CLOSED');
        throw new AdmissionAbandoned();
      }
      return await task();
    } finally {
      this.leave();
    }
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.running -= 1;
      return;
    }
    next();
  }
}

/** The queue was full: the request was not run. */
export class AdmissionRefused extends Error {
  constructor(readonly queueLimit: number) {
    super(`The server is busy: ${queueLimit} requests are already waiting; retry after the Retry-After seconds`);
  }
}

/** The request's client had gone by its turn: it was not run. */
export class AdmissionAbandoned extends Error {
  constructor() {
    super('the client closed the connection while the request waited for its turn');
  }
}
