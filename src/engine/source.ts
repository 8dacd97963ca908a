// Resolves DistributeImage's sourceImage: an AMI id, `ssm:<parameter name or ARN>` holding an AMI
// id, or an Image Builder image ARN (a version ARN means its latest AVAILABLE build).
import { CloudError, type CloudPorts } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { SourceAmi } from './plan.js';

/** Why a source cannot be used, as a (code, message) the operation turns into an API error. */
export class SourceError extends Error {
  constructor(
    readonly kind: 'notFound' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** What the source is: an AMI, and the Image Builder image it came from, if any. */
export interface ResolvedSource {
  ami: SourceAmi;
  image?: Image;
}

/** Resolves an AMI id visible to the caller in its Region. */
export async function resolveAmi(cloud: CloudPorts, scope: Scope, imageId: string, what = imageId): Promise<SourceAmi> {
  let images;
  try {
    images = (await cloud.ec2.describeImages(scope, { imageIds: [imageId] })).images;
  } catch (e) {
    if (e instanceof CloudError && e.code.startsWith('InvalidAMIID'))
      throw new SourceError('notFound', `The source image '${what}' does not exist or is not visible to account ${scope.accountId} in ${scope.region}.`);
    throw e;
  }
  const img = images[0];
  if (!img) throw new SourceError('notFound', `The source image '${what}' does not exist or is not visible to account ${scope.accountId} in ${scope.region}.`);
  if (img.state !== 'available') throw new SourceError('invalid', `The source image '${what}' (${imageId}) is ${img.state}; it must be available.`);
  return {
    kind: 'ami',
    accountId: img.ownerId === scope.accountId ? scope.accountId : img.ownerId,
    region: scope.region,
    imageId: img.imageId,
    name: img.name,
    platform: img.platform === 'windows' ? 'Windows' : 'Linux',
  };
}

/** Resolves `ssm:<name or ARN>` to the AMI id it holds. */
export async function resolveSsm(cloud: CloudPorts, scope: Scope, ref: string): Promise<SourceAmi> {
  const raw = ref.slice('ssm:'.length);
  const m = /^arn:aws[^:]*:ssm:[^:]+:\d{12}:parameter(\/.*)$/.exec(raw);
  const name = m ? m[1]! : raw;
  let value: string;
  try {
    value = (await cloud.ssm.getParameter(scope, { name })).parameter.value;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ParameterNotFound') throw new SourceError('notFound', `The SSM parameter '${name}' does not exist.`);
    throw e;
  }
  if (!/^ami-[0-9a-f]+$/.test(value)) throw new SourceError('invalid', `The SSM parameter '${name}' does not hold an AMI id.`);
  return resolveAmi(cloud, scope, value, ref);
}
