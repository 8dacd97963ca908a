// `ibex status IMAGE_ARN`: the image's state, reason, each job per Region and account, and the
// AMIs. Exit codes (docs/cli.md): 0 AVAILABLE or still in progress, 1 FAILED, CANCELLED or
// DELETED (or the image cannot be read); with --exit-code, 3 while the image is still in progress.
import { Command } from 'commander';
import { apiError, clientOptions, endpointOf, type ClientOptions } from '../connection.js';
import { imageClient } from '../image-client.js';
import { isFinished } from '../../client/index.js';
import { fetchProgress } from '../progress.js';
import { plain, summary, table } from '../render.js';

/** The exit code for an image in `status`. */
export function statusExitCode(status: string, exitCode: boolean): number {
  if (status === 'AVAILABLE') return 0;
  if (isFinished(status)) return 1;
  return exitCode ? 3 : 0;
}

export function statusCommand(): Command {
  return clientOptions(
    new Command('status')
      .description('show where an image stands: state, reason and every job per Region and account (exit 1 when it FAILED or was CANCELLED)')
      .argument('<image-arn>', 'image build version ARN')
      .option('--exit-code', 'also exit 3 while the image is still in progress (0 only once AVAILABLE)'),
  ).action(async (arn: string, o: ClientOptions & { exitCode?: boolean }) => {
    const client = imageClient(o, arn);
    let p;
    try {
      p = await fetchProgress(client, arn);
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
    process.exitCode = statusExitCode(p.status, Boolean(o.exitCode));
    if (o.json) {
      process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      return;
    }
    const rows = p.jobs.map((j) => [j.region, j.accountId, j.kind, j.status, plain(j.message ?? '')]);
    // A failed distribution's reason repeats the failed jobs' messages: the table has them.
    const reason = p.reason && !p.jobs.some((j) => j.status === 'FAILED') ? `reason: ${plain(p.reason)}\n` : '';
    process.stdout.write(
      `${p.arn}\nstatus: ${p.status}\n${reason}\n${rows.length ? table(['REGION', 'ACCOUNT', 'JOB', 'STATUS', 'MESSAGE'], rows) : '(no distribution jobs yet)'}\n`,
    );
    if (p.status === 'AVAILABLE') process.stdout.write(`\n${summary(p)}\n`);
  });
}
