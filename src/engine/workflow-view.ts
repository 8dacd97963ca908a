// The DISTRIBUTION workflow as Image Builder's workflow APIs show it: one workflow execution per
// run (attempt), one workflow step per job, with inputs and outputs (`distributedImages`).
import type { GetWorkflowStepExecutionResponse, WorkflowExecutionMetadata, WorkflowStepMetadata } from '../model/generated/types.js';
import { partitionOf } from '../domain/scope.js';
import type { JobTally, RunRecord, RunSummary } from './run-ports.js';
import type { StepRecord } from './step-inputs.js';
import { jobViews, type JobView } from './outcome.js';
import { imageOutput, isKind } from './step-inputs.js';
import { imageStepKey } from './step-keys.js';

const RUN_STATUS = { running: 'RUNNING', succeeded: 'COMPLETED', failed: 'FAILED', cancelled: 'CANCELLED' } as const;

/** The AWS-managed distribution workflow every run executes. */
export function distributionWorkflowArn(region: string): string {
  return `arn:${partitionOf(region)}:imagebuilder:${region}:aws:workflow/distribution/distribute-image/1.0.0/1`;
}

/** The workflow execution id of a run. */
export function workflowExecutionId(runId: string): string {
  return `wf-${runId}`;
}

/** A run's workflow steps (jobs) counted by outcome. */
export interface JobCounts {
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** Workflow execution metadata of a run. */
export function workflowExecution(run: RunRecord, steps: StepRecord[]): WorkflowExecutionMetadata {
  const views = jobViews(run.jobs, steps);
  const counts: JobCounts = {
    total: views.length,
    completed: views.filter((v) => v.status === 'COMPLETED').length,
    failed: views.filter((v) => v.status === 'FAILED').length,
    cancelled: views.filter((v) => v.status === 'CANCELLED').length,
  };
  return workflowExecutionOf({ ...run, runId: run.runId, region: run.scope.region }, counts);
}

/** Workflow execution metadata from a run's summary and job counts (no step is read). */
export function workflowExecutionOf(
  run: Pick<RunSummary, 'runId' | 'status' | 'startTime' | 'endTime' | 'attempt'> & { region: string },
  counts: JobCounts,
): WorkflowExecutionMetadata {
  return {
    workflowBuildVersionArn: distributionWorkflowArn(run.region),
    workflowExecutionId: workflowExecutionId(run.runId),
    type: 'DISTRIBUTION',
    status: RUN_STATUS[run.status],
    message:
      run.status === 'failed'
        ? 'Not all distribution jobs are completed.'
        : run.status === 'running'
          ? 'Distributing the image.'
          : `Distribution ${run.status}.`,
    totalStepCount: counts.total,
    totalStepsSucceeded: counts.completed,
    totalStepsFailed: counts.failed,
    totalStepsSkipped: counts.cancelled,
    startTime: run.startTime,
    ...(run.endTime ? { endTime: run.endTime } : {}),
    retried: run.attempt > 1,
  };
}

/**
 * Job counts from per-job step tallies, by the rules of `jobViews`: a failed or skipped step fails
 * the job, then a cancelled one cancels it; a job whose steps all succeeded completed. A job with
 * no step rows (a new run's, still being written) has not begun, so counts as none of these.
 */
export function jobCounts(jobCount: number, tallies: JobTally[]): JobCounts {
  const c: JobCounts = { total: jobCount, completed: 0, failed: 0, cancelled: 0 };
  for (const t of tallies) {
    if (t.failed > 0 || t.skipped > 0) c.failed++;
    else if (t.cancelled > 0) c.cancelled++;
    else if (t.succeeded === t.steps) c.completed++;
  }
  return c;
}

const STEP_STATUS = { PENDING: 'PENDING', RUNNING: 'RUNNING', COMPLETED: 'COMPLETED', FAILED: 'FAILED', SKIPPED: 'SKIPPED', CANCELLED: 'CANCELLED' } as const;

/** One workflow step (a job) of a run. */
export function workflowStep(
  view: JobView,
  stepExecutionId: string,
): WorkflowStepMetadata & Pick<GetWorkflowStepExecutionResponse, 'onFailure' | 'timeoutSeconds'> {
  const { job } = view;
  const distributed =
    job.kind === 'ami'
      ? [
          {
            region: job.region,
            accountId: job.accountId,
            name: view.steps.find(isKind('copyImage'))?.input.name ?? view.steps.find(isKind('tagImage'))?.output?.name,
            amiId: imageOutput(view.steps.find((s) => s.key === imageStepKey(job.region, job.accountId)))?.imageId,
            dateStarted: view.startTime,
            dateStopped: view.endTime,
            status: view.status === 'COMPLETED' ? 'Completed' : view.status === 'FAILED' ? 'Failed' : view.status === 'CANCELLED' ? 'Cancelled' : 'InProgress',
            step: view.steps
              .filter((s) => s.status === 'succeeded')
              .map((s) => s.kind)
              .join(','),
            ...(view.error ? { errorMessage: view.error } : {}),
          },
        ]
      : undefined;
  const outputs = distributed ? { distributedImages: distributed } : Object.assign({}, ...view.steps.map((s) => s.output ?? {}));
  return {
    stepExecutionId,
    name: job.key,
    description: job.title,
    action: job.kind === 'ami' ? 'DistributeImage' : actionOf(job.kind),
    status: STEP_STATUS[view.status],
    rollbackStatus: 'SKIPPED',
    message: view.error ?? (view.status === 'COMPLETED' ? 'Completed.' : view.status),
    inputs: JSON.stringify(Object.fromEntries(view.steps.map((s) => [s.key, s.input]))),
    outputs: JSON.stringify(outputs),
    ...(view.startTime ? { startTime: view.startTime } : {}),
    ...(view.endTime ? { endTime: view.endTime } : {}),
    onFailure: 'Abort',
    timeoutSeconds: 43200,
  };
}

function actionOf(kind: string): string {
  switch (kind) {
    case 'launchPermission':
      return 'ModifyImageAttribute';
    case 'license':
      return 'UpdateLicenseSpecifications';
    case 'launchTemplate':
      return 'CreateLaunchTemplateVersion';
    case 'ssmParameter':
      return 'PutParameter';
    case 's3Export':
      return 'ExportImage';
    case 'fastLaunch':
      return 'EnableFastLaunch';
    case 'container':
      return 'DistributeContainer';
    default:
      return kind;
  }
}

/** Job views of a run (re-exported for the operations). */
export { jobViews };
