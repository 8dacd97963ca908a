// Where a distribution stands, read the same way by the CLI and the console: the image
// (GetImage), its workflow executions as phases (ListWorkflowExecutions, every page), and its jobs
// from the admin API's runs — each job's Region, account, state and times are data there, so a
// custom workflow's DistributeImage steps fan out like the default one.
import {
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  type Image,
  type ImagebuilderClient,
  type WorkflowExecutionMetadata,
} from '@aws-sdk/client-imagebuilder';
import type { AdminClient } from './admin-client.js';
import type { JobState, RunView } from './admin-types.js';

/** One distribution job as the readers show it. */
export interface Job {
  key: string;
  kind: string;
  region: string;
  accountId: string;
  status: JobState;
  /** Why it failed. */
  message?: string;
  title?: string;
  origin?: string;
  startTime?: string;
  endTime?: string;
  sourceImageId?: string;
  sourceRegion?: string;
}

/** A workflow execution of the image (BUILD, TEST, DISTRIBUTION) and its state. */
export interface Phase {
  type: string;
  status: string;
  startTime?: string;
  endTime?: string;
  id?: string;
}

export interface ImageProgress {
  arn: string;
  image: Image;
  status: string;
  reason?: string;
  jobs: Job[];
  /** The latest execution of each workflow type, in order. */
  phases: Phase[];
  /** Every workflow execution of the image (a retry adds one), oldest first. */
  executions: Phase[];
  amis: { region: string; accountId: string; image: string }[];
}

/** Pages of a list call are bounded: a server that never stops paging cannot hang a reader. */
const MAX_PAGES = 50;

/** Every item of a paginated list call. */
export async function allPages<T>(page: (nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const got = await page(token);
    out.push(...(got.items ?? []));
    token = got.nextToken;
    if (!token) break;
  }
  return out;
}

/** The account that owns an Image Builder ARN. */
export const ownerOf = (arn: string): string => arn.split(':')[4] ?? '';

/**
 * The image's jobs from its own runs (not ibex's extra ones), in plan order; a later run (a retry,
 * a workflow's next DistributeImage step) replaces what an earlier one said about the same job.
 */
export function jobsOfRuns(runs: RunView[], imageArn: string): Job[] {
  const jobs = new Map<string, Job>();
  for (const run of runs.filter((r) => r.imageArn === imageArn)) {
    for (const j of run.jobs) {
      jobs.set(j.key, {
        key: j.key,
        kind: j.kind,
        region: j.region,
        accountId: j.accountId,
        status: j.status,
        title: j.title,
        ...(j.origin ? { origin: j.origin } : {}),
        ...(j.status === 'FAILED' && j.error ? { message: j.error } : {}),
        ...(j.startTime ? { startTime: j.startTime } : {}),
        ...(j.endTime ? { endTime: j.endTime } : {}),
        ...(j.sourceImageId ? { sourceImageId: j.sourceImageId } : {}),
        ...(j.sourceRegion ? { sourceRegion: j.sourceRegion } : {}),
      });
    }
  }
  return [...jobs.values()];
}

const byStart = (a: WorkflowExecutionMetadata, b: WorkflowExecutionMetadata) => (a.startTime ?? '').localeCompare(b.startTime ?? '');

export async function readProgress(client: ImagebuilderClient, admin: AdminClient, arn: string): Promise<ImageProgress> {
  // The image first, then its runs: a run's end and its image's state are one transaction, so
  // runs read after an image that is finished show that run's final jobs (read side by side, the
  // runs could be answered just before the end and the image just after).
  const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
  const [workflowExecutions, { runs }] = await Promise.all([
    allPages(async (nextToken) => {
      const out = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, ...(nextToken ? { nextToken } : {}) }));
      return { items: out.workflowExecutions, nextToken: out.nextToken };
    }),
    admin.runsOf(arn),
  ]);
  const owner = ownerOf(arn);
  const executions: Phase[] = [...workflowExecutions].sort(byStart).map((w) => ({
    type: w.type ?? 'UNKNOWN',
    status: w.status ?? 'PENDING',
    ...(w.startTime ? { startTime: w.startTime } : {}),
    ...(w.endTime ? { endTime: w.endTime } : {}),
    ...(w.workflowExecutionId ? { id: w.workflowExecutionId } : {}),
  }));
  const phases = new Map<string, Phase>();
  for (const w of executions) phases.set(w.type, w);
  return {
    arn,
    image: image ?? {},
    status: image?.state?.status ?? 'UNKNOWN',
    ...(image?.state?.reason ? { reason: image.state.reason } : {}),
    jobs: jobsOfRuns(runs, arn),
    phases: [...phases.values()],
    executions,
    amis: (image?.outputResources?.amis ?? []).map((a) => ({ region: a.region ?? '', accountId: a.accountId ?? owner, image: a.image ?? '' })),
  };
}

/**
 * A job known only by its key (a rollout ring not yet run): pending, with the Region and account
 * the engine's job key spells (engine/step-keys.ts `jobKeys`: `<kind>:<region>[:<account>…]`).
 */
export function pendingJob(key: string, ownerAccountId: string): Job {
  const [kind = key, region = '-', account] = key.split(':');
  return { key, kind, region, accountId: account && /^\d{12}$/.test(account) ? account : ownerAccountId, status: 'PENDING' };
}
