// KMS ListAliases: the caller's aliases in its Region and the AWS managed `alias/aws/ebs`,
// optionally only those of one key, in pages (Limit/Marker).
import { WorldError, type WorldHandler } from '../world-call.js';
import { defaultEbsKey, kmsEnter } from './keys.js';

export const ListAliases: WorldHandler = async (input, call) => {
  const ctx = kmsEnter(call, 'ListAliases');
  const ebs = defaultEbsKey(ctx.accountId, ctx.region);
  const arn = (name: string): string => `arn:aws:kms:${ctx.region}:${ctx.accountId}:${name}`;
  const all: { AliasName: string; AliasArn: string; TargetKeyId: string; CreationDate: Date; LastUpdatedDate: Date }[] = [];
  for (const k of call.sim.state.keys.values()) {
    if (k.accountId !== ctx.accountId || k.region !== ctx.region) continue;
    for (const a of k.aliases)
      all.push({ AliasName: a, AliasArn: arn(a), TargetKeyId: k.keyId, CreationDate: new Date(k.createdAt ?? 0), LastUpdatedDate: new Date(k.createdAt ?? 0) });
  }
  all.push({ AliasName: 'alias/aws/ebs', AliasArn: arn('alias/aws/ebs'), TargetKeyId: ebs.keyId, CreationDate: new Date(0), LastUpdatedDate: new Date(0) });
  all.sort((a, b) => (a.AliasName < b.AliasName ? -1 : 1));
  const keyId = input.KeyId as string | undefined;
  const kept = keyId ? all.filter((a) => a.TargetKeyId === keyId || keyId.endsWith(`/${a.TargetKeyId}`)) : all;
  const limit = (input.Limit as number | undefined) ?? 50;
  let start = 0;
  if (input.Marker !== undefined) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(input.Marker as string, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('InvalidMarkerException', 'The marker is not valid.');
    start = Number(m[1]);
  }
  const end = start + limit;
  const truncated = end < kept.length;
  return { Aliases: kept.slice(start, end), Truncated: truncated, ...(truncated ? { NextMarker: Buffer.from(`ibex:${end}`).toString('base64url') } : {}) };
};
