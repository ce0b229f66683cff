import { describe, expect, it } from 'vitest';
import { WakeUps } from '../server/wake-ups.js';

describe('WakeUps', () => {
  it('hands wake-ups out oldest first, and nothing when empty', () => {
    const queue = new WakeUps();
    const woken: number[] = [];
    for (const n of [1, 2, 3]) queue.push(() => woken.push(n));
    expect(queue.size).toBe(3);
    for (let wake = queue.shift(); wake; wake = queue.shift()) wake();
    expect(woken).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it('keeps arrival order in a queue that never drains, across its compactions', () => {
    const queue = new WakeUps();
    const woken: number[] = [];
    const pushed = (n: number) => queue.push(() => woken.push(n));
    pushed(0);
    pushed(1);
    // Steady load: one leaves and one arrives, 5 000 times, with one always left waiting.
    for (let n = 2; n < 5002; n++) {
      queue.shift()?.();
      pushed(n);
    }
    expect(queue.size).toBe(2);
    for (let wake = queue.shift(); wake; wake = queue.shift()) wake();
    expect(woken).toEqual(Array.from({ length: 5002 }, (_, n) => n));
  });
});
