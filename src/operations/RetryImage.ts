// RetryImage: re-runs the distribution of a FAILED image without rebuilding it; only the jobs
// that failed run again, so every AMI that already arrived stays the only one. An image whose
// custom DISTRIBUTION workflow failed runs that workflow again from its failed step.
import { InvalidRequestException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { loadImage } from '../app/images.js';
import { testPause } from '../testing/pause.js';

export const RetryImage: Handler<'RetryImage'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  if (image.state?.status !== 'FAILED') {
    throw new InvalidRequestException(`The image '${image.arn}' is ${image.state?.status}; only a FAILED image can be retried.`);
  }
  // The step retention setting compacted the last run's steps: what succeeded is no longer known,
  // so a retry could not re-run only what failed (docs/performance.md, "Step retention").
  const last = ctx.services.runs.runsOfImage(ctx.scope, image.arn).at(-1);
  if (last?.compacted) {
    throw new InvalidRequestException(
      `The image '${image.arn}' cannot be retried: the steps of its last distribution were compacted at ${last.compacted.at} by the step retention setting. Distribute the image again with DistributeImage.`,
    );
  }
  const response = { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  // The image's new state, the new run and the client-token record: one transaction.
  ctx.services.tx(() => {
    if (!ctx.services.workflows.engine.retryDistribution(ctx.scope, image.arn) && !ctx.services.distribution.retry(ctx.scope, image.arn)) {
      throw new InvalidRequestException(`The image '${image.arn}' has no distribution to retry.`);
    }
    testPause('retry-image');
    ctx.commitToken?.(response);
  });
  return response;
};
