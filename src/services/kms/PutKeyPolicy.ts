// KMS PutKeyPolicy: replaces a key's policy, and with it which other accounts may use the key
// (the rule the engine's encrypted copies obey). A policy that would lock the owner out is
// refused unless BypassPolicyLockoutSafetyCheck is set.
import { WorldError, type WorldHandler } from '../world-call.js';
import { allowedAccounts, kmsEnter, ownKey } from './keys.js';

export const PutKeyPolicy: WorldHandler = async (input, call) => {
  const ctx = kmsEnter(call, 'PutKeyPolicy');
  if (input.PolicyName !== undefined && input.PolicyName !== 'default')
    throw new WorldError('NotFoundException', `No such policy exists: ${String(input.PolicyName)}`);
  const key = ownKey(call, ctx, input.KeyId as string);
  const policy = input.Policy as string;
  const allow = allowedAccounts(policy, ctx.accountId);
  if (input.BypassPolicyLockoutSafetyCheck !== true && !policy.includes(ctx.accountId)) {
    throw new WorldError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
  }
  call.sim.state.putKey({ ...key, policy, allowAccounts: allow });
  return {};
};
