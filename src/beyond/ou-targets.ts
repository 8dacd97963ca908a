// OU-following targets: reads the `ibex:copyToOrganizationalUnits` tag of distribution settings
// (OU ARNs separated by commas or spaces) and finds, through the Organizations port, every account
// in those OUs, nested OUs included. The plan then copies to them as to targetAccountIds.
import { CloudError, type CloudPorts } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { OuTarget } from '../engine/plan.js';

export const OU_TAG = 'ibex:copyToOrganizationalUnits';
export const FOLLOW_TAG = 'ibex:follow';

const OU_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$/;

/** Why the OU tag cannot be followed: a bad ARN or what Organizations answered. */
export class OuTargetError extends Error {
  constructor(
    readonly ouArn: string,
    message: string,
  ) {
    super(message);
  }
}

/** The OU ARNs of the tag (empty without it); throws OuTargetError for a malformed ARN. */
export function ouArnsOf(tags: Readonly<Record<string, string>>): string[] {
  const v = tags[OU_TAG];
  if (v === undefined) return [];
  const arns = v.split(/[\s,]+/).filter(Boolean);
  for (const a of arns)
    if (!OU_ARN.test(a)) throw new OuTargetError(a, `Tag ${OU_TAG}: '${a}' is not an organizational unit ARN (arn:aws:organizations::<account>:ou/o-…/ou-…).`);
  return [...new Set(arns)];
}

/** True when the settings follow their OUs (accounts that join later get a catch-up copy). */
export function follows(tags: Readonly<Record<string, string>>): boolean {
  return tags[FOLLOW_TAG] === 'true' && tags[OU_TAG] !== undefined;
}

/**
 * Every account in the tag's OUs, as the owner sees it through Organizations (the owner must be
 * the management account, as with ListChildren on AWS), in tag order, each once with the first
 * OU of the tag that contains it (directly or in a nested OU).
 */
export async function resolveOuTargets(cloud: CloudPorts, owner: Scope, tags: Readonly<Record<string, string>>): Promise<OuTarget[]> {
  const out = new Map<string, string>();
  for (const ouArn of ouArnsOf(tags)) {
    const root = OU_ARN.exec(ouArn)![1]!;
    const queue = [root];
    const seen = new Set<string>();
    // Bounded walk: an organization has at most five levels of OUs below the root (AWS's limit).
    while (queue.length > 0 && seen.size < 10_000) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      try {
        const accounts = await cloud.organizations.listChildren(owner, { parentId: id, childType: 'ACCOUNT' });
        for (const a of accounts.children) if (!out.has(a.id)) out.set(a.id, ouArn);
        const units = await cloud.organizations.listChildren(owner, { parentId: id, childType: 'ORGANIZATIONAL_UNIT' });
        queue.push(...units.children.map((u) => u.id));
      } catch (e) {
        if (e instanceof CloudError)
          throw new OuTargetError(ouArn, `Tag ${OU_TAG}: cannot list the accounts of ${ouArn} as account ${owner.accountId}: ${e.code}: ${e.message}`);
        throw e;
      }
    }
  }
  out.delete(owner.accountId);
  return [...out].map(([accountId, ouArn]) => ({ accountId, ouArn }));
}
