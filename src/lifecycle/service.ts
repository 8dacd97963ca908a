// The lifecycle side of ibex: the store, the runner and the daily schedule of enabled policies.
// AWS runs each enabled policy once a day at a time it chooses; ibex runs a policy when a day of
// world time has passed since its last run (or its creation), checked on every tick.
import type { CloudPorts } from '../cloud/ports.js';
import type { Clock } from '../domain/clock.js';
import type { TagStore, Transaction } from '../store/ports.js';
import type { ImageStore } from '../store/ports.js';
import type { LifecycleStore } from '../store/ports.js';
import { LifecycleRunner } from './runner.js';

const DAY_MS = 86_400_000;

export interface LifecycleServiceOptions {
  tx: Transaction;
  store: LifecycleStore;
  images: ImageStore;
  tags: TagStore;
  cloud: CloudPorts;
  /** The world's clock (policy ages and schedules). */
  clock: Clock;
  /** How often the schedule is checked (ms, default 60 s). */
  intervalMs?: number;
  onError?: (e: unknown) => void;
}

export class LifecycleService {
  readonly store: LifecycleStore;
  readonly runner: LifecycleRunner;
  readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: LifecycleServiceOptions) {
    this.store = o.store;
    this.clock = o.clock;
    this.runner = new LifecycleRunner({
      tx: o.tx,
      store: this.store,
      images: o.images,
      tags: o.tags,
      cloud: o.cloud,
      clock: o.clock,
      ...(o.onError ? { onError: o.onError } : {}),
    });
  }

  /** Starts every enabled policy that is due; returns the execution ids started. */
  tick(): string[] {
    this.runner.resumeWaiting();
    const now = this.clock.now();
    const started: string[] = [];
    for (const { scope, policy } of this.store.allPolicies()) {
      if (policy.status === 'DISABLED') continue;
      const last = (policy.dateLastRun ?? policy.dateCreated ?? 0) * 1000;
      if (now - last < DAY_MS) continue;
      if (this.runner.active(scope, policy.arn)) continue;
      started.push(this.runner.startPolicy(scope, policy));
    }
    return started;
  }

  /** Resumes unfinished executions and starts the schedule. */
  start(): void {
    this.runner.resumeAll();
    this.timer ??= setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        this.o.onError?.(e);
      }
    }, this.o.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.runner.stop();
  }
}
