// KMS DescribeKey: a key by id, ARN, alias or alias ARN, as the engine resolves kmsKeyId (another
// account's key only by ARN and only when its policy allows the caller); `alias/aws/ebs` is the
// AWS managed EBS key, present in every account and Region.
import type { WorldHandler } from '../world-call.js';
import { keyMetadata } from './keys.js';

export const DescribeKey: WorldHandler = async (input, call) => {
  const { keyMetadata: k } = await call.ports.kms.describeKey(call.scope, { keyId: input.KeyId as string });
  const rec = call.sim.state.keyOf(k.awsAccountId, call.scope.region, k.keyId);
  return { KeyMetadata: keyMetadata({ keyId: k.keyId, arn: k.arn, accountId: k.awsAccountId }, k.keyManager === 'AWS', rec) };
};
