// A pipeline's upcoming runs for people: the server's dateNextRun, then the schedule's following
// matches, read with the scheduler's own cron reading (domain/aws-cron.ts).
import type { ImagePipeline } from '@aws-sdk/client-imagebuilder';
import { awsCron } from '../domain/aws-cron.js';

const UNIT_MS: Record<string, number> = { minute: 60e3, minutes: 60e3, hour: 3600e3, hours: 3600e3, day: 86400e3, days: 86400e3 };

/**
 * The next `n` run times of an AWS schedule expression strictly after `from`: `cron(…)` in
 * `timezone`, or `rate(n unit)` counted from `anchor` (the pipeline's creation or last update).
 */
export function nextRuns(expression: string, timezone = 'UTC', n = 3, from = new Date(), anchor?: Date): Date[] {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const step = Number(rate[1]) * UNIT_MS[rate[2]!]!;
    const base = anchor?.getTime() ?? from.getTime();
    const k = Math.max(1, Math.floor((from.getTime() - base) / step) + 1);
    return Array.from({ length: n }, (_, i) => new Date(base + (k + i) * step));
  }
  const cron = /^cron\((.+)\)$/s.exec(expression.trim());
  if (!cron) return [];
  try {
    return awsCron(cron[1]!, timezone).nextRuns(n, from);
  } catch {
    return [];
  }
}

/** The pipeline's upcoming runs: the server's `dateNextRun`, then the expression's following matches. */
export function upcomingRuns(p: ImagePipeline, n = 3): Date[] {
  const s = p.schedule;
  if (!s?.scheduleExpression || p.status !== 'ENABLED') return [];
  const first = p.dateNextRun ? new Date(p.dateNextRun) : undefined;
  const anchor = p.dateUpdated || p.dateCreated;
  if (!first || Number.isNaN(first.getTime())) return nextRuns(s.scheduleExpression, s.timezone ?? 'UTC', n, new Date(), anchor ? new Date(anchor) : undefined);
  return [first, ...nextRuns(s.scheduleExpression, s.timezone ?? 'UTC', n - 1, first, first)];
}
