// Reads where a distribution stands: the image's state (GetImage) and, per job, the latest
// workflow execution's steps (ListWorkflowExecutions + ListWorkflowStepExecutions).
import {
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type ImagebuilderClient,
  type WorkflowStepMetadata,
} from '@aws-sdk/client-imagebuilder';

/** One distribution job (a workflow step) as the CLI shows it. */
export interface JobProgress {
  key: string;
  kind: string;
  region: string;
  accountId: string;
  status: string;
  message?: string;
}

export interface Progress {
  arn: string;
  status: string;
  reason?: string;
  jobs: JobProgress[];
  amis: { region: string; accountId: string; image: string }[];
}

const MAX_PAGES = 50;

/** Splits a step name (`ami:us-east-1:111122223333`, `s3Export:us-east-1`) into its parts. */
export function parseJobKey(key: string, ownerAccountId: string): Pick<JobProgress, 'kind' | 'region' | 'accountId'> {
  const [kind = key, region = '-', account] = key.split(':');
  return { kind, region, accountId: account && /^\d{12}$/.test(account) ? account : ownerAccountId };
}

/** The account that owns an image build version ARN. */
export function ownerOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

export async function fetchProgress(client: ImagebuilderClient, arn: string): Promise<Progress> {
  const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
  const owner = ownerOf(arn);
  const executions = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, ...(token ? { nextToken: token } : {}) }));
    executions.push(...(out.workflowExecutions ?? []));
    token = out.nextToken;
    if (!token) break;
  }
  // The latest attempt is the one in progress (RetryImage adds one per attempt).
  const latest = executions.filter((e) => e.type === 'DISTRIBUTION').sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? '')).at(-1);
  const steps: WorkflowStepMetadata[] = [];
  if (latest?.workflowExecutionId) {
    token = undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out: { steps?: WorkflowStepMetadata[]; nextToken?: string } = await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: latest.workflowExecutionId, ...(token ? { nextToken: token } : {}) }));
      steps.push(...(out.steps ?? []));
      token = out.nextToken;
      if (!token) break;
    }
  }
  return {
    arn,
    status: image?.state?.status ?? 'UNKNOWN',
    ...(image?.state?.reason ? { reason: image.state.reason } : {}),
    jobs: steps.map((s) => ({
      key: s.name ?? '',
      ...parseJobKey(s.name ?? '', owner),
      status: s.status ?? 'PENDING',
      ...(s.status === 'FAILED' && s.message ? { message: s.message } : {}),
    })),
    amis: (image?.outputResources?.amis ?? []).map((a) => ({ region: a.region ?? '', accountId: a.accountId ?? owner, image: a.image ?? '' })),
  };
}

export const TERMINAL = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED']);
