// S3 ListBuckets: the caller's buckets in every Region, by name.
import type { WorldHandler } from '../world-call.js';
import { s3Enter } from './buckets.js';

export const ListBuckets: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'ListBuckets');
  const mine = [...call.sim.state.buckets.values()]
    .filter(
      (b) =>
        b.accountId === ctx.accountId &&
        (input.Prefix === undefined || b.name.startsWith(input.Prefix as string)) &&
        (input.BucketRegion === undefined || b.region === input.BucketRegion),
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    Buckets: mine.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt ?? 0), BucketRegion: b.region })),
    Owner: { ID: ctx.accountId, DisplayName: call.sim.state.accounts.get(ctx.accountId)?.name ?? ctx.accountId },
    ...(input.Prefix !== undefined ? { Prefix: input.Prefix } : {}),
  };
};
