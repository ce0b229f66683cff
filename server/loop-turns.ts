import { WakeUps } from './wake-ups.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Turns of the event loop, handed out one at a time: each `next()` resolves in a turn of its own, in call order.
 *
 * Why: libuv accepts one new connection per turn of the loop (libuv#3696). When the statements of ten admitted
 * operations answer in the same turn, each operation's rest (executing and serialising 1 000 rows: ~5 ms for q5)
 * used to run in that one turn, one after the other, so a turn lasted 50 ms and a burst of 50 new clients was
 * accepted over 2.5 s, one per turn. With a turn each, the loop accepts and reads between two answers
 * (docs/cold-path.md has the measurements).
 */
export class LoopTurns {
  /** Wake-ups waiting, oldest first. */
  private readonly waiting = new WakeUps();
  private pumping = false;

  /** Resolves in a turn of its own: this turn's check phase when nobody else waits, a later one otherwise. */
  next(): Promise<void> {
    return new Promise<void>((wake) => {
      this.waiting.push(wake);
      if (this.pumping) return;
      this.pumping = true;
      setImmediate(this.pump);
    });
  }

  /** Callers waiting for their turn now. */
  get queued(): number {
    return this.waiting.size;
  }

  // An immediate scheduled while the check phase runs waits for the next turn: one wake-up per turn.
  private readonly pump = (): void => {
    const wake = this.waiting.shift();
    if (this.waiting.size > 0) setImmediate(this.pump);
    else this.pumping = false;
    wake?.();
  };
}

/**
 * A kysely plugin that hands each statement's result on in a turn of its own (LoopTurns). The connection goes back
 * to the pool once the turn has come; the wait is at most the other admitted operations' rest.
 */
export class TurnTakingPlugin implements KyselyPlugin {
  constructor(private readonly turns: LoopTurns) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await this.turns.next();
    return args.result;
  }
}
