// `GET /_ibex/lifecycle/preview?policy=<lifecycle policy ARN>`: what the policy's next run would
// touch, as a dry run that changes nothing — the images it selects with the one action each gets
// (or why an image-level exclusion keeps it), and, where the rule includes them, the output AMIs
// per Region and account. Computed with the runner's own planner (planExecution) at the world's
// clock. AMI-level exclusions other than Regions need EC2's facts (public, tags, shares, last
// launch), read only when the run acts: they are listed in `amiRulesCheckedAtRun`.
import { parseArn } from '../domain/arn.js';
import type { Scope } from '../domain/scope.js';
import type { Image, LifecyclePolicyDetailExclusionRulesAmis } from '../model/generated/types.js';
import type { Services } from '../operations/context.js';
import { planExecution, type PlanImage } from '../lifecycle/plan.js';
import type { AdminAnswer } from './admin-beyond.js';

/** One output AMI the action would reach. */
export interface PreviewAmi {
  region: string;
  accountId: string;
  imageId: string;
  /** Set when the rule's `exclusionRules.amis.regions` keeps this AMI. */
  excluded?: string;
}

/** One selected image and what the next run would do to it. */
export interface PreviewImage {
  imageArn: string;
  name?: string;
  version?: string;
  status?: string;
  dateCreated?: string;
  action: 'DEPRECATE' | 'DISABLE' | 'DELETE' | 'AVAILABLE';
  /** Set when an image-level exclusion rule keeps the image (the run records it SKIPPED). */
  skipped?: string;
  includeAmis: boolean;
  includeSnapshots: boolean;
  includeContainers: boolean;
  amis: PreviewAmi[];
}

export interface LifecyclePreview {
  lifecyclePolicyArn: string;
  status: string;
  /** The world time the preview was computed at (ISO-8601). */
  evaluatedAt: string;
  images: PreviewImage[];
  /** AMI-level exclusion rules the preview cannot decide without EC2 (checked by the run). */
  amiRulesCheckedAtRun: string[];
}

/** The scope's images with their tags, as the lifecycle runner gives them to the planner. */
function planImages(services: Services, scope: Scope): PlanImage[] {
  const rows = services.db.prepare('SELECT body FROM images WHERE account_id = ? AND region = ?').all(scope.accountId, scope.region) as { body: string }[];
  return rows.map((r) => {
    const image = JSON.parse(r.body) as Image & { arn: string };
    return { image, tags: services.tags.get(scope, image.arn) };
  });
}

/** The AMI-level rules of `ex` that need EC2's facts, named like the API's fields. */
function ec2Rules(ex: LifecyclePolicyDetailExclusionRulesAmis | undefined): string[] {
  if (!ex) return [];
  const out: string[] = [];
  if (ex.isPublic !== undefined) out.push('isPublic');
  if (ex.tagMap && Object.keys(ex.tagMap).length) out.push('tagMap');
  if (ex.sharedAccounts?.length) out.push('sharedAccounts');
  if (ex.lastLaunched) out.push('lastLaunched');
  return out;
}

export function previewLifecycle(services: Services, caller: string | undefined, policyArn: string | null): AdminAnswer {
  if (!policyArn) return { status: 400, body: { message: 'policy is required: the lifecycle policy ARN (…:lifecycle-policy/<name>).' } };
  const p = parseArn(policyArn);
  if (!p || p.resourceType !== 'lifecycle-policy') return { status: 400, body: { message: `'${policyArn}' is not a lifecycle policy ARN (arn:aws:imagebuilder:<region>:<account>:lifecycle-policy/<name>).` } };
  if (caller !== undefined && p.owner !== caller) {
    return { status: 403, body: { __type: 'AccessDeniedException', message: `'${policyArn}' belongs to account ${p.owner}, not to the caller's account ${caller}.` } };
  }
  const scope = { accountId: p.owner, region: p.region };
  const policy = services.lifecycle.store.getPolicy(scope, policyArn);
  if (!policy) return { status: 404, body: { __type: 'ResourceNotFoundException', message: `The resource '${policyArn}' does not exist.` } };
  const now = services.lifecycle.clock.now();
  const all = planImages(services, scope);
  const byArn = new Map(all.map((i) => [i.image.arn, i.image]));
  const exclusions = new Map((policy.policyDetails ?? []).map((r) => [r.action.type, r.exclusionRules?.amis]));
  const images = planExecution(policy, all, now).map((d): PreviewImage => {
    const image = byArn.get(d.imageArn);
    const ex = exclusions.get(d.action.type as 'DELETE');
    const reach = !d.skipped && (d.action.includeAmis || d.action.includeSnapshots);
    return {
      imageArn: d.imageArn,
      ...(image?.name ? { name: image.name } : {}),
      ...(image?.version ? { version: image.version } : {}),
      ...(image?.state?.status ? { status: image.state.status } : {}),
      ...(image?.dateCreated ? { dateCreated: image.dateCreated } : {}),
      action: d.action.type,
      ...(d.skipped ? { skipped: d.skipped } : {}),
      includeAmis: d.action.includeAmis,
      includeSnapshots: d.action.includeSnapshots,
      includeContainers: d.action.includeContainers,
      amis: reach
        ? (image?.outputResources?.amis ?? []).flatMap((a) => {
            if (!a.image) return [];
            const region = a.region ?? scope.region;
            return [{ region, accountId: a.accountId ?? scope.accountId, imageId: a.image, ...(ex?.regions?.includes(region) ? { excluded: `Excluded by exclusionRules.amis.regions (${region}).` } : {}) }];
          })
        : [],
    };
  });
  const amiRules = [...new Set((policy.policyDetails ?? []).flatMap((r) => ec2Rules(r.exclusionRules?.amis)))];
  const body: LifecyclePreview = { lifecyclePolicyArn: policyArn, status: policy.status ?? 'ENABLED', evaluatedAt: new Date(now).toISOString(), images, amiRulesCheckedAtRun: amiRules };
  return { status: 200, body };
}

/** Answers the preview route, or undefined when the path is not it. */
export function lifecyclePreviewRoute(services: Services, method: string, url: URL, caller?: string): AdminAnswer | undefined {
  if (url.pathname.replace(/\/+$/, '') !== '/_ibex/lifecycle/preview') return undefined;
  if (method !== 'GET') return { status: 405, body: { message: `${method} is not supported on /_ibex/lifecycle/preview; use GET.` } };
  return previewLifecycle(services, caller, url.searchParams.get('policy'));
}
