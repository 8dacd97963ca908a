// Starts a durable run for an already distributed image that executes only some jobs: every step
// that succeeded before is carried over as succeeded (with its output, so later steps find the
// AMIs it made), and only the chosen jobs' steps run. The run is written in one transaction and
// resumes after a crash like any other; its ARN suffix keeps it off the image's AWS-shaped state.
import { randomUUID } from 'node:crypto';
import type { StoredPlanInput } from '../engine/distribution.js';
import { planDistribution, type Plan } from '../engine/plan.js';
import type { Scope } from '../domain/scope.js';
import type { CoreServices } from '../app/services.js';
import type { RunStatus } from '../engine/run-ports.js';
import type { StepRecord } from '../engine/step-inputs.js';

export interface ExtraRun {
  runId: string;
  runArn: string;
  jobs: string[];
  finished: Promise<RunStatus>;
}

/** The plan of a stored plan input (dates revived). */
export function replan(input: StoredPlanInput): Plan {
  return planDistribution({ ...input, template: { buildDate: new Date(input.template.buildDate), buildVersion: input.template.buildVersion } });
}

/**
 * Runs `jobKeys` of `plan` for the image, carrying `delivered` (step key → succeeded step).
 * Jobs whose steps depend on something neither delivered nor in the run are left out (returned
 * in `unrunnable`); nothing starts when no job is left.
 */
export function startExtraRun(
  services: CoreServices,
  scope: Scope,
  runArn: string,
  planInput: StoredPlanInput,
  plan: Plan,
  jobKeys: ReadonlySet<string>,
  delivered: ReadonlyMap<string, StepRecord>,
): { run?: ExtraRun; unrunnable: string[] } {
  const chosen = plan.jobs.filter((j) => jobKeys.has(j.key));
  const fresh = new Map(plan.steps.filter((s) => jobKeys.has(s.jobKey)).map((s) => [s.key, s]));
  const unrunnable: string[] = [];
  const steps = new Map<string, StepRecord>();
  for (const job of chosen) {
    const own = [...fresh.values()].filter((s) => s.jobKey === job.key);
    const ok = own.every((s) => s.dependsOn.every((d) => fresh.has(d) || delivered.has(d)));
    if (!ok) {
      unrunnable.push(job.key);
      continue;
    }
    for (const s of own) steps.set(s.key, { ...s, status: 'pending', attempts: 0 });
  }
  const jobs = chosen.filter((j) => !unrunnable.includes(j.key));
  if (jobs.length === 0) return { unrunnable };
  // Carry every delivered step a new step needs, transitively (their own dependencies too).
  const need = [...steps.values()].flatMap((s) => s.dependsOn);
  while (need.length) {
    const k = need.pop()!;
    if (steps.has(k)) continue;
    const d = delivered.get(k)!;
    steps.set(k, { ...d, dependsOn: d.dependsOn.filter((x) => delivered.has(x)) });
    need.push(...d.dependsOn.filter((x) => delivered.has(x)));
  }
  const runId = randomUUID();
  const now = new Date().toISOString();
  services.runs.createRun({ scope, runId, imageArn: runArn, attempt: 1, planInput, jobs, startTime: now }, [...steps.values()]);
  const finished = services.distribution.runner.start(scope, runId);
  return { run: { runId, runArn, jobs: jobs.map((j) => j.key), finished }, unrunnable };
}
