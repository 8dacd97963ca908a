// IAM ListRoles: the caller's roles by name, optionally under a path prefix, in pages.
import { WorldError, type WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, iamOf, wireRole } from './roles.js';

export const ListRoles: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'ListRoles');
  const prefix = (input.PathPrefix as string | undefined) ?? '/';
  const roles = accountOf(call, ctx)
    .roles.filter((r) => iamOf(r).path.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const max = (input.MaxItems as number | undefined) ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(input.Marker as string, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('ValidationError', 'Invalid Marker.');
    start = Number(m[1]);
  }
  const end = start + max;
  const truncated = end < roles.length;
  return {
    Roles: roles.slice(start, end).map((r) => wireRole(ctx.accountId, r)),
    IsTruncated: truncated,
    ...(truncated ? { Marker: Buffer.from(`ibex:${end}`).toString('base64url') } : {}),
  };
};
