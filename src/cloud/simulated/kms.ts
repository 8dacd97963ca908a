// Simulated KMS: key resolution as AWS does it. A bare key id or alias resolves in the caller's
// own account (so another account's key needs its full ARN), keys are Regional, and another
// account may use a key only when the key policy allows it (`allowAccounts`).
import { createHash } from 'node:crypto';
import type { KeyMetadata, KmsPort } from '../ports.js';
import { kmsKeyArn, parseKmsArn } from './arns.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';

/** A resolved key. `awsManaged` keys (alias/aws/ebs) can never be used by another account. */
export interface ResolvedKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  allowAccounts: string[];
  awsManaged: boolean;
}

/** The AWS-managed EBS key exists in every account and Region; its id is derived, stable. */
export function defaultEbsKey(accountId: string, region: string): ResolvedKey {
  const h = createHash('sha256').update(`${accountId}:${region}:aws/ebs`).digest('hex');
  const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return { keyId, arn: kmsKeyArn(region, accountId, keyId), accountId, region, allowAccounts: [], awsManaged: true };
}

/**
 * Resolves `ref` (key id, key ARN, `alias/…`, alias ARN) in `region` for the caller and checks
 * the caller may use it. Errors are KMS's (`NotFoundException`, `AccessDeniedException`) even when
 * EC2 calls this, because on AWS a CopyImage with an unusable key fails in KMS.
 */
export function resolveKey(sim: Sim, ctx: Ctx, region: string, ref: string): ResolvedKey {
  const parsed = parseKmsArn(ref);
  const owner = parsed ? parsed.accountId : ctx.accountId;
  const keyRegion = parsed ? parsed.region : region;
  const notFound = (why: string): Error => fail('kms', 'NotFoundException', `Key '${ref}' does not exist: ${why}.`);
  if (keyRegion !== region) throw notFound(`the key is in ${keyRegion}, but KMS keys are Regional and this call is in ${region}`);
  let key: ResolvedKey | undefined;
  const isAlias = parsed ? parsed.resource === 'alias' : ref.startsWith('alias/');
  if (isAlias) {
    const alias = parsed ? `alias/${parsed.id}` : ref;
    if (alias === 'alias/aws/ebs') key = defaultEbsKey(owner, region);
    else {
      const keyId = sim.state.keyIdForAlias(owner, region, alias);
      const rec = keyId ? sim.state.keyOf(owner, region, keyId) : undefined;
      if (rec) key = { ...rec, awsManaged: false };
    }
  } else {
    const keyId = parsed ? parsed.id : ref;
    const rec = sim.state.keyOf(owner, region, keyId);
    if (rec) key = { ...rec, awsManaged: false };
    else if (keyId === defaultEbsKey(owner, region).keyId) key = defaultEbsKey(owner, region);
  }
  if (!key) {
    throw notFound(
      parsed
        ? `account ${owner} has no such key in ${region}`
        : `account ${ctx.accountId} has no such key in ${region} (a key in another account must be named by its full ARN)`,
    );
  }
  if (key.accountId !== ctx.accountId && (key.awsManaged || !key.allowAccounts.includes(ctx.accountId))) {
    throw fail(
      'kms',
      'AccessDeniedException',
      `User: arn:aws:iam::${ctx.accountId}:root is not authorized to use key ${key.arn}: ${key.awsManaged ? 'an AWS managed key cannot be shared with other accounts' : `its key policy does not allow account ${ctx.accountId} (allowAccounts)`}.`,
    );
  }
  return key;
}

/** The simulated KMS port. */
export function simulatedKms(sim: Sim): KmsPort {
  return {
    async describeKey(scope, input) {
      const ctx = enter(sim, 'kms', 'DescribeKey', scope);
      const key = resolveKey(sim, ctx, ctx.region, input.keyId);
      const keyMetadata: KeyMetadata = {
        keyId: key.keyId,
        arn: key.arn,
        awsAccountId: key.accountId,
        keyState: 'Enabled',
        keyManager: key.awsManaged ? 'AWS' : 'CUSTOMER',
      };
      return { keyMetadata };
    },
  };
}
