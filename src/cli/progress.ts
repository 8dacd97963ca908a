// Reads where a distribution stands for `status` and `watch`: the client module's reader
// (src/client/progress.ts) over the Image Builder client and the admin API at the same endpoint.
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { adminClient, readProgress, type AdminClient, type ImageProgress, type Job } from '../client/index.js';
import { adminAt } from './connection.js';

/** One distribution job as the CLI shows it. */
export type JobProgress = Job;

/** What `status --json` and `watch --json` print. */
export type Progress = Pick<ImageProgress, 'arn' | 'status' | 'reason' | 'jobs' | 'amis'>;

/** The admin API at the endpoint `client` talks to. */
export async function adminOf(client: ImagebuilderClient): Promise<AdminClient> {
  const e = await client.config.endpoint?.();
  const base = e ? `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path.replace(/\/$/, '')}` : '';
  return adminClient((method, path, body) => adminAt(base, method, path, body === undefined ? undefined : JSON.stringify(body)));
}

export async function fetchProgress(client: ImagebuilderClient, arn: string): Promise<Progress> {
  const { image: _image, phases: _phases, executions: _executions, ...p } = await readProgress(client, await adminOf(client), arn);
  return p;
}
