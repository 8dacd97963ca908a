// Turns a run's steps into what AWS reports: per-job states, the image's outputResources (every
// success kept), and the FAILED reason "Not all distribution jobs are completed. 1) … 2) …"
// naming account, Region and cause of each failed job (facts §2).
import type { OutputResources } from '../model/generated/types.js';
import type { StepRecord } from './step-inputs.js';
import type { PlannedJob } from './plan.js';
import { imageOutput, isKind } from './step-inputs.js';
import { imageStepKey } from './step-keys.js';

export type JobStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

/** A job with its steps and derived status. */
export interface JobView {
  job: PlannedJob;
  steps: StepRecord[];
  status: JobStatus;
  /** The cause when FAILED. */
  error?: string;
  startTime?: string;
  endTime?: string;
}

/** Groups steps by job and derives each job's status. */
export function jobViews(jobs: PlannedJob[], steps: StepRecord[]): JobView[] {
  const byJob = new Map<string, StepRecord[]>();
  for (const s of steps) {
    const list = byJob.get(s.jobKey) ?? [];
    list.push(s);
    byJob.set(s.jobKey, list);
  }
  return jobs.map((job) => {
    const st = byJob.get(job.key) ?? [];
    const failed = st.find((s) => s.status === 'failed') ?? st.find((s) => s.status === 'skipped');
    let status: JobStatus;
    // Every planned job has steps: one with none stored is a new run's whose step rows are still
    // being written (DistributionService.start), so it has not begun.
    if (st.length === 0) status = 'PENDING';
    else if (failed) status = 'FAILED';
    else if (st.some((s) => s.status === 'cancelled')) status = 'CANCELLED';
    else if (st.every((s) => s.status === 'succeeded')) status = 'COMPLETED';
    else if (st.some((s) => s.status === 'running' || s.status === 'succeeded' || s.attempts > 0)) status = 'RUNNING';
    else status = 'PENDING';
    const starts = st
      .map((s) => s.startedAt)
      .filter((x): x is string => !!x)
      .sort();
    const ends = st
      .map((s) => s.endedAt)
      .filter((x): x is string => !!x)
      .sort();
    const done = status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED';
    return {
      job,
      steps: st,
      status,
      ...(failed?.error ? { error: failed.error } : {}),
      ...(starts[0] ? { startTime: starts[0] } : {}),
      ...(done && ends.length ? { endTime: ends[ends.length - 1]! } : {}),
    };
  });
}

/** The image's outputResources: one AMI per Region and owning account, containers per Region. */
export function outputResources(views: JobView[]): OutputResources {
  const amis: NonNullable<OutputResources['amis']> = [];
  const containers: NonNullable<OutputResources['containers']> = [];
  for (const v of views) {
    if (v.status !== 'COMPLETED') continue;
    if (v.job.kind === 'ami') {
      const key = imageStepKey(v.job.region, v.job.accountId);
      const out = imageOutput(v.steps.find((s) => s.key === key));
      if (!out) continue;
      amis.push({
        region: v.job.region,
        image: out.imageId,
        name: out.name ?? '',
        ...(out.description !== undefined ? { description: out.description } : {}),
        state: { status: 'AVAILABLE' },
        accountId: v.job.accountId,
      });
    } else if (v.job.kind === 'container') {
      const out = v.steps.find(isKind('pushContainer'))?.output;
      if (out) containers.push({ region: v.job.region, imageUris: out.imageUris });
    }
  }
  return { amis, ...(containers.length ? { containers } : {}) };
}

/** The FAILED reason, or undefined when every job completed. */
export function failureReason(views: JobView[], sourceAccountId: string): string | undefined {
  const failed = views.filter((v) => v.status === 'FAILED');
  if (failed.length === 0) return undefined;
  const parts = failed.map((v, i) => {
    const what = v.job.kind === 'ami' ? '' : ` (${v.job.title})`;
    return `${i + 1}) ${v.error ?? 'The job did not complete.'}${what} when distributing the image from the source account (ID: ${sourceAccountId}) to the destination account (ID: ${v.job.accountId}) in Region ${v.job.region}.`;
  });
  return `Not all distribution jobs are completed. ${parts.join(' ')}`;
}
