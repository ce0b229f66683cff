import { WakeUps } from './wake-ups.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Rows one turn of the event loop carries by default: the rest of an operation (executing its fields, serialising the
 * answer) costs about 5 µs a row, so a turn of 1 000 rows lasts about 5 ms. A 1 000-row page (q5) takes a turn of its
 * own, as before; thirty small results (q4's 36 rows) share one instead of waiting for thirty turns.
 */
export const ROWS_PER_TURN = 1_000;

/** A caller waiting for its turn, with the rows its result carries. */
interface Waiting {
  readonly wake: () => void;
  readonly rows: number;
}

/**
 * Turns of the event loop, shared out by rows: a caller whose rows fit into the current turn goes on at once; the
 * others wait, in call order, for a turn with room (a caller larger than a turn gets one of its own).
 *
 * Why: libuv accepts one new connection per turn of the loop (libuv#3696). When the statements of ten admitted
 * operations answer in the same turn, each operation's rest (executing and serialising 1 000 rows: ~5 ms for q5)
 * used to run in that one turn, one after the other, so a turn lasted 50 ms and a burst of 50 new clients was
 * accepted over 2.5 s, one per turn. Bounded by rows, a turn stays near 5 ms and the loop accepts and reads between
 * two heavy answers, while small results pay no wait (docs/cold-path.md has the measurements).
 */
export class LoopTurns {
  /** Wake-ups waiting, oldest first. */
  private readonly waiting = new WakeUps<Waiting>();
  /** Rows handed on since the last turn began (a turn runs from one check phase to the next). */
  private rowsThisTurn = 0;
  private pumping = false;

  constructor(private readonly rowsPerTurn = ROWS_PER_TURN) {}

  /**
   * Resolves once the caller may go on with a result of `rows` rows: at once when nobody waits and they fit into this
   * turn, otherwise in a later turn with room for them.
   */
  next(rows = Number.POSITIVE_INFINITY): Promise<void> {
    const weight = Math.max(1, rows);
    if (this.waiting.size === 0 && this.rowsThisTurn + weight <= this.rowsPerTurn) {
      this.rowsThisTurn += weight;
      this.schedule();
      return Promise.resolve();
    }
    return new Promise<void>((wake) => {
      this.waiting.push({ wake, rows: weight });
      this.schedule();
    });
  }

  /** Callers waiting for their turn now. */
  get queued(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(this.pump);
  }

  // A turn begins: it wakes the oldest callers while their rows fit (the oldest always). An immediate scheduled while
  // the check phase runs waits for the next turn, so the ones left wait for that one.
  private readonly pump = (): void => {
    this.rowsThisTurn = 0;
    const woken: (() => void)[] = [];
    for (let head = this.waiting.peek(); head; head = this.waiting.peek()) {
      if (woken.length > 0 && this.rowsThisTurn + head.rows > this.rowsPerTurn) break;
      this.waiting.shift();
      this.rowsThisTurn += head.rows;
      woken.push(head.wake);
    }
    // The rows just handed on count toward the turn that follows; the next check phase starts a fresh count.
    if (this.waiting.size > 0 || this.rowsThisTurn > 0) setImmediate(this.pump);
    else this.pumping = false;
    for (const wake of woken) wake();
  };
}

/**
 * A kysely plugin that hands each statement's result on when its rows fit into a turn of the event loop
 * (LoopTurns). The connection goes back to the pool once the turn has come; the wait is at most the other admitted
 * operations' rest.
 */
export class TurnTakingPlugin implements KyselyPlugin {
  constructor(private readonly turns: LoopTurns) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await this.turns.next(args.result.rows.length);
    return args.result;
  }
}
