// KMS helpers: key policies (who may use a key: the accounts its Allow statements name), the
// caller's own keys by id, ARN or alias, and the KeyMetadata view.
import { randomUUID } from 'node:crypto';
import { enter, type Ctx } from '../../cloud/simulated/sim.js';
import { defaultEbsKey, resolveKey } from '../../cloud/simulated/kms.js';
import type { KeyRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';

export const kmsEnter = (call: WorldCall, operation: string): Ctx => enter(call.sim, 'kms', operation, call.scope);

/** The default key policy: the owning account's root may do everything. */
export function defaultPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

/** A key policy written from a world record's `allowAccounts`. */
export function policyOf(rec: KeyRec): string {
  if (rec.policy) return rec.policy;
  const doc = JSON.parse(defaultPolicy(rec.accountId)) as { Statement: unknown[] };
  if (rec.allowAccounts.length) {
    doc.Statement.push({
      Sid: 'Allow use of the key',
      Effect: 'Allow',
      Principal: { AWS: rec.allowAccounts.map((a) => `arn:aws:iam::${a}:root`) },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'],
      Resource: '*',
    });
  }
  return JSON.stringify(doc);
}

/** The other accounts a policy allows (`MalformedPolicyDocumentException` for a bad document). */
export function allowedAccounts(policy: string, owner: string): string[] {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policy) as { Statement?: unknown };
  } catch {
    throw new WorldError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (!statements.length) throw new WorldError('MalformedPolicyDocumentException', 'Policy contains a statement with no principal or no action.');
  const out = new Set<string>();
  for (const s of statements as { Effect?: string; Principal?: unknown }[]) {
    if (s.Effect !== 'Allow') continue;
    const p = s.Principal as { AWS?: string | string[] } | string | undefined;
    const aws = typeof p === 'string' ? [p] : p?.AWS === undefined ? [] : Array.isArray(p.AWS) ? p.AWS : [p.AWS];
    for (const a of aws) {
      const m = /^(?:arn:aws:iam::)?(\d{12})(?::.*)?$/.exec(a);
      if (!m && a !== '*') throw new WorldError('MalformedPolicyDocumentException', `Policy contains a statement with one or more invalid principals: ${a}`);
      if (m && m[1] !== owner) out.add(m[1]!);
    }
  }
  return [...out];
}

/** The caller's own customer key named by id, ARN or alias (`NotFoundException` otherwise). */
export function ownKey(call: WorldCall, ctx: Ctx, ref: string): KeyRec {
  const k = resolveKey(call.sim, ctx, ctx.region, ref);
  if (k.awsManaged)
    throw new WorldError('AccessDeniedException', `The key ${k.arn} is an AWS managed key; its policy cannot be read or changed by ibex callers.`);
  if (k.accountId !== ctx.accountId)
    throw new WorldError('AccessDeniedException', `User: arn:aws:iam::${ctx.accountId}:root is not authorized to perform this operation on key ${k.arn}.`);
  return call.sim.state.keyOf(k.accountId, k.region, k.keyId)!;
}

/** The KeyMetadata of a customer or AWS-managed key. */
export function keyMetadata(k: { keyId: string; arn: string; accountId: string }, awsManaged: boolean, rec?: KeyRec): Doc {
  return {
    AWSAccountId: k.accountId,
    KeyId: k.keyId,
    Arn: k.arn,
    CreationDate: new Date(rec?.createdAt ?? 0),
    Enabled: true,
    Description: rec?.description ?? (awsManaged ? 'Default key that protects my EBS volumes when no other key is defined' : ''),
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: awsManaged ? 'AWS' : 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}

export { defaultEbsKey, randomUUID };
