// Where a distribution stands, from GetImage and the latest DISTRIBUTION workflow's steps (one
// step per job, named like `ami:us-east-1:111122223333`).
import {
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type Image,
  type ImagebuilderClient,
  type WorkflowStepMetadata,
} from '@aws-sdk/client-imagebuilder';

export interface Job {
  key: string;
  kind: string;
  region: string;
  accountId: string;
  status: string;
  message?: string;
  title?: string;
  startTime?: string;
  endTime?: string;
  /** The source AMI an owner copy was made from (from the step's inputs), when the step says. */
  sourceImageId?: string;
  sourceRegion?: string;
}

/** A workflow of the image (BUILD, TEST, DISTRIBUTION) and its state, in order. */
export interface Phase {
  type: string;
  status: string;
  startTime?: string;
  endTime?: string;
  id?: string;
}

export interface ImageProgress {
  image: Image;
  status: string;
  jobs: Job[];
  phases: Phase[];
  /** Every workflow execution of the image (a retry adds one), oldest first. */
  executions: Phase[];
}

export const TERMINAL = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED']);

/** The first sourceImageId/sourceRegion among a step's inputs (a JSON object of its sub-steps). */
function sourceOf(inputs: string | undefined): { sourceImageId?: string; sourceRegion?: string } {
  try {
    const all = Object.values(JSON.parse(inputs ?? '{}') as Record<string, { sourceImageId?: unknown; sourceRegion?: unknown }>);
    const hit = all.find((i) => typeof i?.sourceImageId === 'string');
    return hit ? { sourceImageId: hit.sourceImageId as string, ...(typeof hit.sourceRegion === 'string' ? { sourceRegion: hit.sourceRegion } : {}) } : {};
  } catch {
    return {};
  }
}

export function jobOf(step: WorkflowStepMetadata, owner: string): Job {
  const key = step.name ?? '';
  const [kind = key, region = '-', account] = key.split(':');
  return {
    key,
    kind,
    region,
    accountId: account && /^\d{12}$/.test(account) ? account : owner,
    status: step.status ?? 'PENDING',
    ...(step.status === 'FAILED' && step.message ? { message: step.message } : {}),
    ...(step.description ? { title: step.description } : {}),
    ...(step.startTime ? { startTime: step.startTime } : {}),
    ...(step.endTime ? { endTime: step.endTime } : {}),
    ...sourceOf(step.inputs),
  };
}

export async function loadProgress(client: ImagebuilderClient, arn: string): Promise<ImageProgress> {
  const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
  const owner = arn.split(':')[4] ?? '';
  const { workflowExecutions = [] } = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
  // A rollout's approval gate (ibex's one-step WaitForAction workflow) has no jobs: the picture stays on the rings' runs.
  const latest = workflowExecutions.filter((w) => w.type === 'DISTRIBUTION' && !w.workflowBuildVersionArn?.includes(':workflow/distribution/ibex-rollout-gate/')).sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? '')).at(-1);
  let steps: WorkflowStepMetadata[] = [];
  if (latest?.workflowExecutionId) steps = (await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: latest.workflowExecutionId }))).steps ?? [];
  // One phase per workflow type: the latest execution of each (a retry adds a DISTRIBUTION one).
  const executions: Phase[] = [...workflowExecutions]
    .sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? ''))
    .map((w) => ({ type: w.type ?? 'UNKNOWN', status: w.status ?? 'PENDING', ...(w.startTime ? { startTime: w.startTime } : {}), ...(w.endTime ? { endTime: w.endTime } : {}), ...(w.workflowExecutionId ? { id: w.workflowExecutionId } : {}) }));
  const phases = new Map<string, Phase>();
  for (const w of executions) phases.set(w.type, w);
  return { image: image ?? {}, status: image?.state?.status ?? 'UNKNOWN', jobs: steps.map((s) => jobOf(s, owner)), phases: [...phases.values()], executions };
}
