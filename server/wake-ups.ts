/**
 * Wake-ups waiting in arrival order, for the server's turn-taking (server/admission-queue.ts, server/loop-turns.ts).
 * Taking the oldest moves an index instead of shifting the array (O(1) per turn); the array is reset when it drains
 * and compacted when mostly spent, so a queue that never drains under steady load does not grow without bound.
 */
export class WakeUps<T extends object = () => void> {
  private items: (T | undefined)[] = [];
  private head = 0;

  /** Wake-ups waiting now. */
  get size(): number {
    return this.items.length - this.head;
  }

  push(wake: T): void {
    this.items.push(wake);
  }

  /** The oldest wake-up, left in the queue; undefined when none waits. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** The oldest wake-up, taken out of the queue; undefined when none waits. */
  shift(): T | undefined {
    const wake = this.items[this.head];
    if (wake === undefined) return undefined;
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return wake;
  }
}
