// Which executions of a stage may start now (AWS: "Image Builder starts up to five test workflows
// in the group at the same time, and starts additional workflows as others complete"): groups run
// one after another in the order they first appear, a workflow without a parallelGroup is a group
// of its own, and within the first group not yet ended pending executions start until five run.
// Pure over the stage's execution records, in seq order.
import type { ExecutionRecord, ExecutionStatus } from '../store/records.js';

/** Image Builder starts at most this many TEST workflows of a parallel group at a time. */
export const PARALLEL_LIMIT = 5;

/** Statuses of an execution that has not ended. */
export const ACTIVE: ReadonlySet<ExecutionStatus> = new Set<ExecutionStatus>(['PENDING', 'RUNNING', 'ROLLBACK_IN_PROGRESS']);

type Grouped = ExecutionRecord<{ group?: string }>;

/** The execution's run group: its stored group, else one of its own. */
export const groupOf = (e: Grouped): string => e.spec.group ?? `#${e.seq}`;

/** The pending executions of `stage` to start now. */
export function runnable<E extends Grouped>(stage: E[]): E[] {
  const groups: string[] = [];
  for (const e of stage) if (!groups.includes(groupOf(e))) groups.push(groupOf(e));
  const group = groups.find((g) => stage.some((e) => groupOf(e) === g && ACTIVE.has(e.status)));
  if (group === undefined) return [];
  const members = stage.filter((e) => groupOf(e) === group);
  const running = members.filter((e) => e.status === 'RUNNING' || e.status === 'ROLLBACK_IN_PROGRESS').length;
  return members.filter((e) => e.status === 'PENDING').slice(0, Math.max(0, PARALLEL_LIMIT - running));
}
