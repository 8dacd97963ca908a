// What rolling back a workflow step undoes (AWS user guide, "Workflow step actions"): the actions
// AWS documents a rollback for — LaunchInstance terminates the instance it launched,
// CollectImageMetadata removes the SSM resources it created. Distribution actions and
// WaitForAction do not roll back (copies already made stay), nor does any other action. In
// ibex's simulated build no instance or SSM association exists, so undoing one is recorded on
// the step, not acted on in the world.
import type { DocStep } from './document.js';
import { resolvePath, type ExprContext } from './expressions.js';

const UNDO: Record<string, (outputs: Record<string, unknown>) => string> = {
  LaunchInstance: (o) => `Rolled back: the instance ${String(o.instanceId ?? '')} was terminated.`,
  CollectImageMetadata: (o) => `Rolled back: the SSM association ${String(o.associationId ?? '')} was removed.`,
};

/** Whether `action` has a rollback. */
export function hasRollback(action: string): boolean {
  return action in UNDO;
}

/** Whether the step's `rollbackEnabled` (true by default, or a JSONPath to a boolean) asks for its rollback. */
export function rollbackEnabled(step: DocStep, cx: ExprContext): boolean {
  const v = step.rollbackEnabled;
  if (typeof v === 'boolean') return v;
  const resolved = resolvePath(cx, v);
  return resolved === true || resolved === 'true';
}

/** Undoes what the step did; returns the sentence recorded on it. */
export function rollBack(action: string, outputs: Record<string, unknown>): string {
  return UNDO[action]!(outputs);
}
