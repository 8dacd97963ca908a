// S3 CreateBucket: a bucket in the endpoint's Region. No LocationConstraint means us-east-1;
// a constraint that does not match the Region is refused. Names are global: another account's
// name is BucketAlreadyExists; your own is BucketAlreadyOwnedByYou (except in us-east-1, which
// answers 200 as AWS's legacy behaviour does).
import { WorldError, type WorldHandler } from '../world-call.js';
import { assertBucketName, s3Enter } from './buckets.js';

export const CreateBucket: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'CreateBucket');
  const name = input.Bucket as string;
  assertBucketName(name);
  const constraint = (input.CreateBucketConfiguration as { LocationConstraint?: string } | undefined)?.LocationConstraint;
  if (constraint === undefined || constraint === '') {
    if (ctx.region !== 'us-east-1')
      throw new WorldError(
        'IllegalLocationConstraintException',
        'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      );
  } else if (constraint === 'us-east-1' && ctx.region === 'us-east-1') {
    throw new WorldError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: constraint });
  } else if (constraint !== ctx.region) {
    throw new WorldError(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  const existing = call.sim.state.buckets.get(name);
  if (existing) {
    if (existing.accountId !== ctx.accountId)
      throw new WorldError(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        409,
        { BucketName: name },
      );
    if (existing.region !== 'us-east-1' || ctx.region !== 'us-east-1')
      throw new WorldError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, {
        BucketName: name,
      });
    return { Location: `/${name}` };
  }
  call.sim.state.putBucket({ accountId: ctx.accountId, region: ctx.region, name, allowAccounts: [], createdAt: call.sim.clock.now() });
  return { Location: ctx.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/` };
};
