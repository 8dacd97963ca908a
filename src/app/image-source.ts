// Resolves a distribution source (AMI id, `ssm:` parameter or image ARN) for the caller into the
// AMI to distribute and the image name and version a new build version gets. Shared by
// DistributeImage and the preflight so both see the same source.
import { imageNameFrom } from '../domain/image-arn.js';
import type { SourceAmi } from '../engine/plan.js';
import { SourceError, resolveAmi, resolveSsm } from '../engine/source.js';
import { InvalidParameterValueException, InvalidRequestException, ResourceNotFoundException } from '../model/generated/errors.js';
import type { Image } from '../model/generated/types.js';
import type { CoreCtx } from './services.js';
import { loadImage } from './images.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** What a distribution starts from. */
export interface DistributionSource {
  ami: SourceAmi;
  name: string;
  version: string;
  platform: NonNullable<Image['platform']>;
}

/** Resolves `sourceImage`, with AWS's errors for a missing or unusable source. */
export async function resolveSource(ctx: CoreCtx, sourceImage: string): Promise<DistributionSource> {
  const { cloud } = ctx.services;
  try {
    if (sourceImage.startsWith('arn:')) {
      const src = loadImage(ctx, sourceImage, 'sourceImage', { availableOnly: true });
      if (src.state?.status !== 'AVAILABLE')
        throw new SourceError('invalid', `The source image '${sourceImage}' is ${src.state?.status}; it must be AVAILABLE.`);
      const out = src.outputResources?.amis?.find((a) => a.region === ctx.scope.region && (a.accountId ?? ctx.scope.accountId) === ctx.scope.accountId);
      if (!out?.image)
        throw new SourceError('invalid', `The source image '${sourceImage}' has no AMI in ${ctx.scope.region} owned by account ${ctx.scope.accountId}.`);
      const ami = await resolveAmi(cloud, ctx.scope, out.image, sourceImage);
      return { ami, name: src.name!, version: (src.version ?? '1.0.0').split('/')[0]!, platform: src.platform ?? ami.platform };
    }
    if (sourceImage.startsWith('ssm:')) {
      const ami = await resolveSsm(cloud, ctx.scope, sourceImage);
      return { ami, name: imageNameFrom(ami.name), version: '1.0.0', platform: ami.platform };
    }
    if (/^ami-[0-9a-f]+$/.test(sourceImage)) {
      const ami = await resolveAmi(cloud, ctx.scope, sourceImage);
      return { ami, name: imageNameFrom(ami.name), version: '1.0.0', platform: ami.platform };
    }
  } catch (e) {
    if (e instanceof SourceError) throw e.kind === 'notFound' ? new ResourceNotFoundException(e.message) : new InvalidRequestException(e.message);
    throw e;
  }
  throw new InvalidParameterValueException(invalidParameter('sourceImage', "Give an AMI id, 'ssm:<parameter>' or an Image Builder image ARN."));
}
