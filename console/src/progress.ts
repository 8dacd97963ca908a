// The console's binding of the client module (src/client/): the admin API over this page's
// origin, and the progress reader over it — one reader for the CLI and the console.
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { adminClient, readProgress, type ImageProgress } from '../../src/client/index';
import { admin } from './api';

export type { ImageProgress, Job, Phase } from '../../src/client/index';
export { isFinished } from '../../src/client/index';

/** The typed admin API (/_ibex/…) as this console calls it. */
export const adminApi = adminClient((method, path, body) => admin(method, path, body));

export function loadProgress(client: ImagebuilderClient, arn: string): Promise<ImageProgress> {
  return readProgress(client, adminApi, arn);
}
