// The world's clock: the system clock plus an offset that `POST /_ibex/clock` moves forward (and
// never back), kept in the meta store so a restart keeps the world's time. The simulated cloud, API dates
// and lifecycle schedules read it, so "older than 90 days" is testable in a second.
import { systemClock, type Clock } from '../domain/clock.js';
import type { MetaStore } from '../store/ports.js';

const KEY = 'world-clock-offset-ms';

/** Longest single move accepted (ten years): beyond that a request is a mistake, not a test. */
export const MAX_ADVANCE_MS = 10 * 366 * 24 * 3600 * 1000;

export class WorldClock implements Clock {
  private offset: number;

  constructor(
    private readonly meta: MetaStore,
    private readonly base: Clock = systemClock,
  ) {
    const stored = meta.get(KEY);
    this.offset = stored !== undefined ? Number(stored) || 0 : 0;
  }

  now(): number {
    return this.base.now() + this.offset;
  }

  /** How far the world runs ahead of the system clock (ms). */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the world forward by `ms` (a whole number ≥ 0, at most MAX_ADVANCE_MS). */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) throw new RangeError(`the clock moves forward by 0 to ${MAX_ADVANCE_MS} ms, got ${ms}`);
    this.offset += ms;
    this.meta.set(KEY, String(this.offset));
  }
}
