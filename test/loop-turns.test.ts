import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopTurns, TurnTakingPlugin } from '../server/loop-turns.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Counts the turns of the event loop: an immediate that schedules itself runs once per turn. */
function turnCounter(): { now: () => number; stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => (running = false) };
}

/** Occupies the thread for `ms`, as executing and serialising a large answer does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('LoopTurns', () => {
  it('wakes callers in call order, each in a turn of its own', async () => {
    const turns = new LoopTurns();
    const counter = turnCounter();
    const woken: { caller: number; turn: number }[] = [];
    await Promise.all([1, 2, 3, 4].map((caller) => turns.next().then(() => woken.push({ caller, turn: counter.now() }))));
    counter.stop();
    expect(woken.map((w) => w.caller)).toEqual([1, 2, 3, 4]);
    expect(new Set(woken.map((w) => w.turn)).size).toBe(4);
    expect(turns.queued).toBe(0);
  });

  it('lets the rest of the loop run between two heavy continuations', async () => {
    const turns = new LoopTurns();
    const happened: string[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        turns.next().then(() => {
          happened.push(`answer ${n}`);
          // Set during the first answer and due when it ends: the next turn runs it before the second answer, as a
          // pending accept would run in its poll phase; in one turn it would wait for all three.
          if (n === 1) setTimeout(() => happened.push('timer'), 1);
          busy(5);
        }),
      ),
    );
    expect(happened).toEqual(['answer 1', 'timer', 'answer 2', 'answer 3']);
  });

  it('lets results share a turn while their rows fit, and keeps call order', async () => {
    const turns = new LoopTurns(100);
    const counter = turnCounter();
    const woken: { caller: string; turn: number }[] = [];
    const wait = (caller: string, rows: number) => turns.next(rows).then(() => woken.push({ caller, turn: counter.now() }));
    // 40 + 40 fit; the third 40 does not, nor does the 10 behind it (call order), which then shares the third's turn.
    // A 500-row result is larger than a turn and gets one of its own; the last small one waits for the next.
    await Promise.all([wait('a', 40), wait('b', 40), wait('c', 40), wait('d', 10), wait('e', 500), wait('f', 1)]);
    counter.stop();
    expect(woken.map((w) => w.caller)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const turnOf = Object.fromEntries(woken.map((w) => [w.caller, w.turn]));
    expect(turnOf.a).toBe(turnOf.b);
    expect(turnOf.c).toBe(turnOf.d);
    expect(new Set([turnOf.a, turnOf.c, turnOf.e, turnOf.f]).size).toBe(4);
    expect(turns.queued).toBe(0);
  });

  it('starts again after it has run dry', async () => {
    const turns = new LoopTurns();
    await turns.next();
    await Promise.all([turns.next(), turns.next()]);
    expect(turns.queued).toBe(0);
  });
});

describe('TurnTakingPlugin', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Sends five one-row statements together, keeps the thread busy until all have answered, and counts the turns. */
  async function turnsTaken(turns: LoopTurns): Promise<number> {
    const db = database.db.withPlugin(new TurnTakingPlugin(turns));
    const asked = [1, 2, 3, 4, 5];
    // One connection per statement, opened before: the statements below go out together.
    await Promise.all(asked.map(() => sql`select 1`.execute(db)));
    const counter = turnCounter();
    const seen: { n: number; turn: number }[] = [];
    const answered = Promise.all(
      asked.map(async (n) => {
        const result = await sql<{ n: number }>`select ${n}::int as n, pg_sleep(0.2)::text as slept`.execute(db);
        seen.push({ n, turn: counter.now() });
        return result.rows[0]?.n;
      }),
    );
    // Once they are sent, the thread is busy until every answer has arrived: all five are read in one turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    busy(600);
    const rows = await answered;
    counter.stop();
    expect(rows).toEqual(asked);
    return new Set(seen.map((s) => s.turn)).size;
  }

  it("hands each statement's result on in a turn of its own when a turn carries one row, unchanged", async () => {
    expect(await turnsTaken(new LoopTurns(1))).toBe(5);
  });

  it('hands small results on in one turn with the default rows per turn', async () => {
    expect(await turnsTaken(new LoopTurns())).toBe(1);
  });
});
