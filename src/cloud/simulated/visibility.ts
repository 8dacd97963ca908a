// Who can see an AMI, by AWS's rules: the owner, or an account named by its launch permissions
// directly, through its organization, through any OU that contains it (at any depth), or `all`.
// Uses the precomputed membership, so a check costs O(permissions on the image), not O(world).
import type { AmiRec } from './records.js';
import type { WorldState } from './state.js';

/** True when `accountId` may describe, copy and launch the image. */
export function canSee(state: WorldState, accountId: string, img: AmiRec): boolean {
  if (img.deregisteredAt !== undefined) return false;
  if (img.accountId === accountId) return true;
  if (img.launchPermissions.userGroups.includes('all')) return true;
  return sharedWith(state, accountId, img);
}

/**
 * True when the image's launch permissions name the account, its organization or an OU that
 * contains it — DescribeImages' `ExecutableUsers` (public images count only for `all`).
 */
export function sharedWith(state: WorldState, accountId: string, img: AmiRec): boolean {
  if (img.deregisteredAt !== undefined) return false;
  const lp = img.launchPermissions;
  if (state.hasLaunchPermission(img, 'userId', accountId)) return true; // O(1), not a scan of 1,536 ids
  const m = state.membership.get(accountId);
  if (!m) return false;
  if (lp.organizationArns.includes(m.orgArn)) return true;
  for (const ou of m.ouArns) if (lp.organizationalUnitArns.includes(ou)) return true;
  return false;
}

/** Ids of images shared with an account in a Region by any route other than ownership. */
export function sharedAmiIds(state: WorldState, accountId: string, region: string): Set<string> {
  const out = new Set<string>();
  const add = (s?: Set<string>): void => s?.forEach((id) => out.add(id));
  add(state.sharedWithAccount.get(`${region}|${accountId}`));
  const m = state.membership.get(accountId);
  if (m) {
    add(state.sharedWithPrincipal.get(`${region}|${m.orgArn}`));
    for (const ou of m.ouArns) add(state.sharedWithPrincipal.get(`${region}|${ou}`));
  }
  return out;
}
