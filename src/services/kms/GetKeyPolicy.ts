// KMS GetKeyPolicy: the policy of one of the caller's keys (only `default` exists).
import { WorldError, type WorldHandler } from '../world-call.js';
import { kmsEnter, ownKey, policyOf } from './keys.js';

export const GetKeyPolicy: WorldHandler = async (input, call) => {
  const ctx = kmsEnter(call, 'GetKeyPolicy');
  if (input.PolicyName !== undefined && input.PolicyName !== 'default')
    throw new WorldError('NotFoundException', `No such policy exists: ${String(input.PolicyName)}`);
  return { Policy: policyOf(ownKey(call, ctx, input.KeyId as string)), PolicyName: 'default' };
};
