// The scope every store and cloud call takes first: who is asking, and where.
// ibex has no global account or Region (docs/architecture.md, principle 3).

/** The caller's account and Region, resolved from SigV4 credentials. */
export interface Scope {
  readonly accountId: string;
  readonly region: string;
}

/** Partition of a Region code, as AWS names it in ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
