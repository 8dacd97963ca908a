// Resource policies (sharing Image Builder images, recipes and components with other accounts):
// validating a policy document, storing it with the accounts it allows, and the lookups that make
// a shared resource visible and usable from those accounts (Get by the owner's ARN, `owner: Shared`
// lists, recipe use). Sharing is per Region, as in AWS.
import { parseArn } from '../domain/arn.js';
import type { Scope } from '../domain/scope.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { CoreServices } from './services.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** The resource types that take a policy, with the actions AWS documents for each. */
export const POLICY_ACTIONS: Record<string, string[]> = {
  image: ['imagebuilder:GetImage', 'imagebuilder:ListImages'],
  component: ['imagebuilder:GetComponent', 'imagebuilder:ListComponents'],
  'image-recipe': ['imagebuilder:GetImageRecipe', 'imagebuilder:ListImageRecipes'],
  'container-recipe': ['imagebuilder:GetContainerRecipe', 'imagebuilder:ListContainerRecipes'],
};

const invalid = (why: string): InvalidParameterValueException => new InvalidParameterValueException(invalidParameter('policy', `${why}`));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Validates a policy document for `arn` (of `type`); returns the accounts its Allow statements name. */
export function parsePolicy(policy: string, arn: string, type: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw invalid('The policy is not a valid JSON document.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalid('The policy must be a JSON object.');
  const d = doc as Record<string, unknown>;
  if (d.Version !== undefined && d.Version !== '2012-10-17' && d.Version !== '2008-10-17')
    throw invalid(`Version '${String(d.Version)}' is not a policy language version (use 2012-10-17).`);
  const statements = list(d.Statement);
  if (statements.length === 0) throw invalid('The policy has no Statement.');
  const allowed = new Set<string>();
  for (const [i, raw] of statements.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(`Statement[${i}] must be an object.`);
    const s = raw as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw invalid(`Statement[${i}].Effect must be Allow or Deny.`);
    const p = s.Principal;
    if (typeof p !== 'object' || p === null || Array.isArray(p) || Object.keys(p).some((k) => k !== 'AWS'))
      throw invalid(`Statement[${i}].Principal must be {"AWS": [account ids or account ARNs]}.`);
    const principals = list((p as Record<string, unknown>).AWS);
    if (principals.length === 0) throw invalid(`Statement[${i}].Principal.AWS names no account.`);
    const accounts = principals.map((x) => {
      const m = typeof x === 'string' ? /^(?:(\d{12})|arn:aws[a-z-]*:iam::(\d{12}):root)$/.exec(x) : null;
      if (!m)
        throw invalid(
          `Statement[${i}].Principal.AWS '${String(x)}' is not an account id or account ARN (arn:aws:iam::123456789012:root); Image Builder resources cannot be public.`,
        );
      return m[1] ?? m[2]!;
    });
    const actions = list(s.Action);
    if (actions.length === 0) throw invalid(`Statement[${i}] has no Action.`);
    for (const a of actions) {
      if (typeof a !== 'string' || !POLICY_ACTIONS[type]!.includes(a))
        throw invalid(`Statement[${i}].Action '${String(a)}' is not supported; a ${type} policy allows ${POLICY_ACTIONS[type]!.join(' and ')}.`);
    }
    const resources = list(s.Resource);
    if (resources.length === 0) throw invalid(`Statement[${i}] has no Resource.`);
    for (const r of resources) if (r !== arn) throw invalid(`Statement[${i}].Resource '${String(r)}' must be the resource the policy is attached to (${arn}).`);
    if (s.Effect === 'Allow') accounts.forEach((a) => allowed.add(a));
    else accounts.forEach((a) => allowed.delete(a));
  }
  return [...allowed];
}

/** `…/x.y.z/n` and `…/x.y.z` both → `<type>/<name>/x.y.z` (policies share a version and its builds). */
const versionKey = (arn: string): string => arn.replace(/^(.*\/\d+\.\d+\.\d+)\/\d+$/, '$1');

/**
 * The owner's scope when `arn` names another account's resource of this Region that is shared
 * with the caller (a policy on that version or build); undefined otherwise. Wildcard versions
 * resolve only among shared versions (checked by `isSharedWith` on the resolved ARN).
 */
export function sharedOwnerScope(services: CoreServices, scope: Scope, arn: string): Scope | undefined {
  const p = parseArn(arn);
  if (!p || p.owner === scope.accountId || p.owner === 'aws' || p.region !== scope.region || !POLICY_ACTIONS[p.resourceType]) return undefined;
  const prefix = `${arn.split('/').slice(0, 2).join('/')}/`;
  const any = services.lifecycle.store.sharedWith(scope.region, scope.accountId).some((s) => s.ownerAccountId === p.owner && s.arn.startsWith(prefix));
  return any ? { accountId: p.owner, region: scope.region } : undefined;
}

/** Whether the owner's resource `resolvedArn` (a build or version ARN) is shared with `accountId`. */
export function isSharedWith(services: CoreServices, owner: Scope, resolvedArn: string, accountId: string): boolean {
  const key = versionKey(resolvedArn);
  return services.lifecycle.store
    .sharedWith(owner.region, accountId)
    .some((s) => s.ownerAccountId === owner.accountId && (s.arn === resolvedArn || versionKey(s.arn) === key));
}

/** Resources of `type` shared with the caller in its Region, as (owner scope, policy ARN). */
export function sharedResources(services: CoreServices, scope: Scope, type: string): { owner: Scope; arn: string }[] {
  return services.lifecycle.store
    .sharedWith(scope.region, scope.accountId)
    .filter((s) => parseArn(s.arn)?.resourceType === type)
    .map((s) => ({ owner: { accountId: s.ownerAccountId, region: scope.region }, arn: s.arn }));
}
