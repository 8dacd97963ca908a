// KMS CreateKey: a symmetric customer key in the caller's account and Region; its policy says
// which other accounts may use it (the default policy: only the owner).
import { kmsKeyArn } from '../../cloud/simulated/arns.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { allowedAccounts, keyMetadata, kmsEnter, randomUUID } from './keys.js';

export const CreateKey: WorldHandler = async (input, call) => {
  const ctx = kmsEnter(call, 'CreateKey');
  for (const [k, v] of [
    ['KeySpec', 'SYMMETRIC_DEFAULT'],
    ['KeyUsage', 'ENCRYPT_DECRYPT'],
    ['Origin', 'AWS_KMS'],
  ] as const) {
    if (input[k] !== undefined && input[k] !== v)
      throw new WorldError('UnsupportedOperationException', `ibex's simulated KMS models ${k} ${v} only (got ${String(input[k])}).`);
  }
  const policy = input.Policy as string | undefined;
  const allow = policy ? allowedAccounts(policy, ctx.accountId) : [];
  const keyId = randomUUID();
  const rec = {
    accountId: ctx.accountId,
    region: ctx.region,
    keyId,
    arn: kmsKeyArn(ctx.region, ctx.accountId, keyId),
    allowAccounts: allow,
    aliases: [],
    ...(policy ? { policy } : {}),
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
    createdAt: call.sim.clock.now(),
  };
  call.sim.state.putKey(rec);
  return { KeyMetadata: keyMetadata(rec, false, rec) };
};
