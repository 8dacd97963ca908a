// The pipeline scheduler: on every tick (a timer, or a test moving an injected clock by hand) it
// finds each enabled pipeline whose schedule matched since the instant it last processed, and
// starts at most one SCHEDULED build for all of those matches (one catch-up after downtime). The
// processed instant is stored with the build in one transaction, so no match fires twice, also
// across restarts. The default start condition builds only when a dependency has a newer version.
import type { Clock } from '../domain/clock.js';
import type { Scope } from '../domain/scope.js';
import type { PipelineServices } from './services.js';
import { pipelineBuildRequest, startPipelineBuild, type StoredPipeline } from './pipelines.js';
import { parseScheduleExpression, type ScheduleExpression } from './schedule-expression.js';

export interface SchedulerOptions {
  services: () => PipelineServices;
  clock: Clock;
  /** How often the timer ticks (ms). */
  intervalMs?: number;
  onError?: (e: unknown) => void;
}

/** What one tick did per pipeline, for tests and logs. */
export interface TickResult {
  fired: { pipelineArn: string; imageArn: string }[];
  skipped: { pipelineArn: string; reason: string }[];
}

/** The instant a pipeline's schedule counts from: its last update, else its creation. */
export function scheduleAnchor(p: StoredPipeline): number {
  return Date.parse(p.dateUpdated ?? p.dateCreated!);
}

/** The pipeline's parsed schedule, or undefined when it has none (or it no longer parses). */
export function scheduleOf(p: StoredPipeline): ScheduleExpression | undefined {
  if (!p.schedule?.scheduleExpression) return undefined;
  try {
    return parseScheduleExpression(p.schedule.scheduleExpression, p.schedule.timezone ?? 'UTC', scheduleAnchor(p));
  } catch {
    return undefined;
  }
}

/** Runs pipeline schedules. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SchedulerOptions) {}

  get clock(): Clock {
    return this.opts.clock;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick().catch((e: unknown) => this.opts.onError?.(e)), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
  }

  /** Processes every pipeline up to the clock's now. Ticks never overlap. */
  tick(): Promise<TickResult> {
    const run = this.chain.catch(() => undefined).then(() => this.tickOnce());
    this.chain = run;
    return run;
  }

  private async tickOnce(): Promise<TickResult> {
    const services = this.opts.services();
    const now = this.opts.clock.now();
    const result: TickResult = { fired: [], skipped: [] };
    for (const { scope, rec } of services.build.resources.allPipelines()) {
      const p = { ...(rec.body as unknown as StoredPipeline), arn: rec.arn };
      try {
        await this.consider(services, scope, p, now, result);
      } catch (e) {
        this.opts.onError?.(e);
        result.skipped.push({ pipelineArn: p.arn, reason: `error: ${(e as Error).message}` });
        // A pipeline whose inputs broke must not retry the same matches forever.
        const st = services.build.pipelineState.get(scope, p.arn);
        if (st && st.checkedUntil < now) services.build.pipelineState.put(scope, p.arn, { ...st, checkedUntil: now });
      }
    }
    return result;
  }

  private async consider(services: PipelineServices, scope: Scope, p: StoredPipeline, now: number, result: TickResult): Promise<void> {
    const expr = scheduleOf(p);
    if (!expr || p.status === 'DISABLED') return;
    const state = services.build.pipelineState.get(scope, p.arn) ?? { checkedUntil: scheduleAnchor(p), consecutiveFailures: 0 };
    const first = expr.next(state.checkedUntil);
    if (first === undefined || first > now) return;
    const condition = p.schedule?.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE';
    const req = await pipelineBuildRequest(services, scope, p, 'SCHEDULED');
    // Re-read after the awaits: another tick or process may have handled these matches.
    const fresh = services.build.pipelineState.get(scope, p.arn);
    if (fresh && fresh.checkedUntil !== state.checkedUntil) return;
    if (condition === 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' && state.fingerprint !== undefined && state.fingerprint === req.fingerprint) {
      services.build.pipelineState.put(scope, p.arn, { ...state, checkedUntil: now });
      result.skipped.push({ pipelineArn: p.arn, reason: 'no dependency updates' });
      return;
    }
    services.tx(() => {
      const imageArn = startPipelineBuild(services, scope, p, req);
      const st = services.build.pipelineState.get(scope, p.arn)!;
      services.build.pipelineState.put(scope, p.arn, { ...st, checkedUntil: now });
      result.fired.push({ pipelineArn: p.arn, imageArn });
    });
  }
}
