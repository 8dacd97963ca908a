// `ibex watch`, `ibex retry` and `ibex cancel` on one image build version: follow it to the end
// (exit 0 AVAILABLE, 1 FAILED or CANCELLED), re-run what failed (RetryImage; --wait follows the
// new attempt) and stop a build or distribution in progress (CancelImageCreation).
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { CancelImageCreationCommand, RetryImageCommand } from '@aws-sdk/client-imagebuilder';
import { apiError, clientOptions, endpointOf, type ClientOptions } from '../connection.js';
import { imageClient } from '../image-client.js';
import { watch } from '../watch.js';
import { seconds } from './distribute.js';

type WaitOptions = ClientOptions & { timeout: number };

async function follow(o: WaitOptions, arn: string): Promise<void> {
  try {
    process.exitCode = await watch(imageClient(o, arn), arn, { ...(o.json ? { json: true } : {}), timeoutSeconds: o.timeout });
  } catch (e) {
    throw apiError(e, endpointOf(o));
  }
}

export function watchCommand(): Command {
  return clientOptions(
    new Command('watch')
      .description('follow an image until it is AVAILABLE (exit 0), FAILED or CANCELLED (exit 1)')
      .argument('<image-arn>', 'image build version ARN')
      .option('--timeout <seconds>', 'give up waiting after this long (exit 1)', seconds, 3600),
  ).action(async (arn: string, o: WaitOptions) => {
    imageClient(o, arn);
    await follow(o, arn);
  });
}

export function retryCommand(): Command {
  return clientOptions(
    new Command('retry')
      .description('retry a FAILED image: re-runs only the distribution jobs that did not complete (RetryImage)')
      .argument('<image-arn>', 'image build version ARN')
      .option('-w, --wait', 'follow the retry until AVAILABLE (exit 0) or FAILED (exit 1)')
      .option('--timeout <seconds>', 'give up waiting after this long', seconds, 3600),
  ).action(async (arn: string, o: WaitOptions & { wait?: boolean }) => {
    const client = imageClient(o, arn);
    let out;
    try {
      out = await client.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: randomUUID() }));
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
    const retried = out.imageBuildVersionArn ?? arn;
    if (!o.wait) {
      process.stdout.write(o.json ? `${JSON.stringify({ imageBuildVersionArn: retried })}\n` : `retrying ${retried}\n`);
      return;
    }
    if (!o.json) process.stdout.write(`retrying ${retried}\n`);
    await follow(o, retried);
  });
}

export function cancelCommand(): Command {
  return clientOptions(
    new Command('cancel')
      .description('cancel an image that is still being built or distributed (CancelImageCreation)')
      .argument('<image-arn>', 'image build version ARN'),
  ).action(async (arn: string, o: ClientOptions) => {
    const client = imageClient(o, arn);
    let out;
    try {
      out = await client.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: randomUUID() }));
    } catch (e) {
      throw apiError(e, endpointOf(o));
    }
    process.stdout.write(
      o.json ? `${JSON.stringify({ imageBuildVersionArn: out.imageBuildVersionArn ?? arn })}\n` : `cancelled ${out.imageBuildVersionArn ?? arn}\n`,
    );
  });
}
