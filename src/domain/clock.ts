// Time as an injected dependency: the world and the engine read "now" from a Clock so tests
// can move time by hand and nothing depends on timers.

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (tests, benchmarks). */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = Date.parse('2025-01-01T00:00:00.000Z')) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock cannot go backwards');
    this.t += ms;
  }
  /** Sets the absolute time (epoch ms); never earlier than now. */
  set(epochMs: number): void {
    if (epochMs < this.t) throw new RangeError('a clock cannot go backwards');
    this.t = epochMs;
  }
}
