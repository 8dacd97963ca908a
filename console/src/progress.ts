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
}

/** A workflow of the image (BUILD, TEST, DISTRIBUTION) and its state, in order. */
export interface Phase {
  type: string;
  status: string;
}

export interface ImageProgress {
  image: Image;
  status: string;
  jobs: Job[];
  phases: Phase[];
}

export const TERMINAL = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED']);

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
  };
}

export async function loadProgress(client: ImagebuilderClient, arn: string): Promise<ImageProgress> {
  const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
  const owner = arn.split(':')[4] ?? '';
  const { workflowExecutions = [] } = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
  const latest = workflowExecutions.filter((w) => w.type === 'DISTRIBUTION').sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? '')).at(-1);
  let steps: WorkflowStepMetadata[] = [];
  if (latest?.workflowExecutionId) steps = (await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: latest.workflowExecutionId }))).steps ?? [];
  // One phase per workflow type: the latest execution of each (a retry adds a DISTRIBUTION one).
  const phases = new Map<string, Phase>();
  for (const w of workflowExecutions) if (w.type) phases.set(w.type, { type: w.type, status: w.status ?? 'PENDING' });
  return { image: image ?? {}, status: image?.state?.status ?? 'UNKNOWN', jobs: steps.map((s) => jobOf(s, owner)), phases: [...phases.values()] };
}
