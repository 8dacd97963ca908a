// `ibex status IMAGE_ARN`: the image's state, reason, each job per Region and account, and the AMIs.
import { Command } from 'commander';
import { apiError, clientFor, clientOptions, endpointOf, regionOf, type ClientOptions } from '../context.js';
import { fetchProgress, ownerOf } from '../progress.js';
import { summary, table } from '../render.js';

export function statusCommand(): Command {
  return clientOptions(
    new Command('status').description('show where an image stands: state, reason and every job per Region and account').argument('<image-arn>', 'image build version ARN'),
  ).action(async (arn: string, o: ClientOptions) => {
    // The image's Region is in its ARN; asking there works whatever the default Region is.
    const region = /^arn:[\w-]+:imagebuilder:([a-z0-9-]+):/.exec(arn)?.[1] ?? regionOf(o);
    let p;
    try {
      p = await fetchProgress(clientFor(o, region, /^\d{12}$/.test(ownerOf(arn)) ? ownerOf(arn) : undefined), arn);
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
    if (o.json) {
      process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      return;
    }
    const rows = p.jobs.map((j) => [j.region, j.accountId, j.kind, j.status, j.message ?? '']);
    process.stdout.write(`${p.arn}\nstatus: ${p.status}\n${p.reason ? `reason: ${p.reason}\n` : ''}\n${table(['REGION', 'ACCOUNT', 'JOB', 'STATUS', 'MESSAGE'], rows)}\n`);
    if (p.status === 'AVAILABLE') process.stdout.write(`\n${summary(p)}\n`);
  });
}
