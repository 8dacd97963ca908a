// The admin API's view of a distribution run (GET /_ibex/runs…): its jobs with the state the
// engine reads from their steps (engine/outcome.ts jobViews), and every step with its job's
// Region and account and its start and end — data the CLI and the console read instead of
// parsing step names. The shapes are the client module's (src/client/admin-types.ts).
import type { RunJobView, RunStepView, RunView } from '../client/admin-types.js';
import { jobViews } from '../engine/outcome.js';
import type { RunRecord } from '../engine/run-ports.js';
import type { StepRecord } from '../engine/step-inputs.js';

function stepView(s: StepRecord): RunStepView {
  return {
    key: s.key,
    jobKey: s.jobKey,
    kind: s.kind,
    region: s.region,
    accountId: s.accountId,
    status: s.status,
    attempts: s.attempts,
    ...(s.startedAt ? { startedAt: s.startedAt } : {}),
    ...(s.endedAt ? { endedAt: s.endedAt } : {}),
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.error ? { error: s.error } : {}),
  };
}

/** The copy a job starts from, when one of its steps copies a source AMI. */
function sourceOf(steps: StepRecord[]): Pick<RunJobView, 'sourceImageId' | 'sourceRegion'> {
  for (const s of steps) {
    if (s.kind === 'copyImage' && s.input.sourceImageId) return { sourceImageId: s.input.sourceImageId, sourceRegion: s.input.sourceRegion };
  }
  return {};
}

export function runView(run: RunRecord, steps: StepRecord[]): RunView {
  const jobs = jobViews(run.jobs, steps).map((v): RunJobView => ({
    key: v.job.key,
    kind: v.job.kind,
    region: v.job.region,
    accountId: v.job.accountId,
    title: v.job.title,
    ...(v.job.origin ? { origin: v.job.origin } : {}),
    status: v.status,
    ...(v.startTime ? { startTime: v.startTime } : {}),
    ...(v.endTime ? { endTime: v.endTime } : {}),
    ...(v.error ? { error: v.error } : {}),
    ...sourceOf(v.steps),
  }));
  return {
    runId: run.runId,
    imageArn: run.imageArn,
    status: run.status,
    startTime: run.startTime,
    ...(run.endTime ? { endTime: run.endTime } : {}),
    jobs,
    steps: steps.map(stepView),
  };
}
