// The runner's queue of ready steps. Taking the next step is O(1) at any queue length (a wide
// fan-out has tens of thousands ready at once), and a copy whose destination has no free copy
// slot is parked under that destination until a slot there frees, instead of being re-examined
// on every scheduling pass.

/** Ready step keys in arrival order, plus copies parked per destination. */
export class ReadyQueue {
  private items: string[] = [];
  private head = 0;
  private readonly parked = new Map<string, string[]>();
  private parkedCount = 0;

  /** Steps waiting to execute, parked copies included. */
  get length(): number {
    return this.items.length - this.head + this.parkedCount;
  }

  push(key: string): void {
    this.items.push(key);
  }

  /** The next ready key (not parked ones), or undefined. */
  take(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++]!;
    // Drop the consumed prefix now and then, so the array does not keep every key ever queued.
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  /** Holds a copy until `unpark(dest)` says its destination has a free slot. */
  park(dest: string, key: string): void {
    const list = this.parked.get(dest);
    if (list) list.push(key);
    else this.parked.set(dest, [key]);
    this.parkedCount++;
  }

  /** A copy slot at `dest` was freed: its oldest parked copy becomes ready again. */
  unpark(dest: string): void {
    const list = this.parked.get(dest);
    if (!list) return;
    this.items.push(list.shift()!);
    this.parkedCount--;
    if (list.length === 0) this.parked.delete(dest);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.parked.clear();
    this.parkedCount = 0;
  }
}
