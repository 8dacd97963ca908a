// `ibex distribute`: DistributeImage with settings and a source; with --wait, follows it per
// Region and account and exits 0 when AVAILABLE, 1 when FAILED (printing the reason).
import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { apiError, clientFor, clientOptions, endpointOf, type ClientOptions } from '../connection.js';
import { settingsArn } from '../settings.js';
import { watch } from '../watch.js';

export function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return n;
}

export interface DistributeOptions extends ClientOptions {
  settings: string;
  source: string;
  executionRole: string;
  wait?: boolean;
  timeout: number;
}

/** Starts a distribution; returns the image build version ARN. */
export async function startDistribution(o: DistributeOptions): Promise<string> {
  const client = clientFor(o);
  try {
    const arn = await settingsArn(client, o.settings);
    const out = await client.send(
      new DistributeImageCommand({ sourceImage: o.source, distributionConfigurationArn: arn, executionRole: o.executionRole, clientToken: randomUUID() }),
    );
    return out.imageBuildVersionArn!;
  } catch (e) {
    throw apiError(e, endpointOf(o));
  }
}

export function distributeCommand(): Command {
  return clientOptions(
    new Command('distribute')
      .description('distribute a source image with distribution settings (DistributeImage)')
      .requiredOption('-s, --settings <name|arn>', 'distribution settings (name or ARN)')
      .requiredOption('-i, --source <image>', 'source image: an AMI id, ssm:<parameter> or an image ARN')
      .option('--execution-role <role>', 'execution role name or ARN', 'EC2ImageBuilderDistributionRole')
      .option('-w, --wait', 'follow progress until the image is AVAILABLE (exit 0) or FAILED (exit 1)')
      .option('--timeout <seconds>', 'give up waiting after this long', seconds, 3600),
  ).action(async (o: DistributeOptions) => {
    const arn = await startDistribution(o);
    if (!o.wait) {
      process.stdout.write(o.json ? `${JSON.stringify({ imageBuildVersionArn: arn })}\n` : `${arn}\n`);
      return;
    }
    if (!o.json) process.stdout.write(`distributing ${o.source} → ${arn}\n`);
    try {
      process.exitCode = await watch(clientFor(o), arn, { ...(o.json ? { json: true } : {}), timeoutSeconds: o.timeout });
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
  });
}
