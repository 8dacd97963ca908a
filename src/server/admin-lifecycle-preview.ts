// `GET /_ibex/lifecycle/preview?policy=<lifecycle policy ARN>`: what the policy's next run would
// touch, as a dry run that changes nothing — the images it selects with the one action each gets
// (or why an image-level exclusion keeps it), and, where the rule includes them, the output AMIs
// per Region and account with what the run would record for each. Computed at the world's clock
// with the runner's own selection (lifecycle/selection.ts) and its per-AMI decision
// (lifecycle/ami-verdict.ts: every exclusion rule, reading EC2 as the run does), so the preview
// is what a run started now would do.
import { parseArn } from '../domain/arn.js';
import { amiVerdict, lifecycleActAs } from '../lifecycle/ami-verdict.js';
import { amiTargets, selectForPolicy } from '../lifecycle/selection.js';
import type { Services } from '../operations/handler.js';
import type { AdminAnswer } from './admin-beyond.js';

/** One output AMI the action would reach. */
export interface PreviewAmi {
  region: string;
  accountId: string;
  imageId: string;
  /** Set when an AMI exclusion rule keeps this AMI (the run records it SKIPPED with this reason). */
  excluded?: string;
  /** Set when the run would record this AMI FAILED (not made by Image Builder, no role, …), with the reason. */
  failed?: string;
  /** Set when the AMI is already gone: the run records SUCCESS without acting. */
  done?: string;
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
  /** Always empty: every AMI rule is decided by the preview as by the run (kept for older clients). */
  amiRulesCheckedAtRun: string[];
}

export async function previewLifecycle(services: Services, caller: string | undefined, policyArn: string | null): Promise<AdminAnswer> {
  if (!policyArn) return { status: 400, body: { message: 'policy is required: the lifecycle policy ARN (…:lifecycle-policy/<name>).' } };
  const p = parseArn(policyArn);
  if (!p || p.resourceType !== 'lifecycle-policy')
    return {
      status: 400,
      body: { message: `'${policyArn}' is not a lifecycle policy ARN (arn:aws:imagebuilder:<region>:<account>:lifecycle-policy/<name>).` },
    };
  if (caller !== undefined && p.owner !== caller) {
    return {
      status: 403,
      body: { __type: 'AccessDeniedException', message: `'${policyArn}' belongs to account ${p.owner}, not to the caller's account ${caller}.` },
    };
  }
  const scope = { accountId: p.owner, region: p.region };
  const policy = services.lifecycle.store.getPolicy(scope, policyArn);
  if (!policy) return { status: 404, body: { __type: 'ResourceNotFoundException', message: `The resource '${policyArn}' does not exist.` } };
  const now = services.lifecycle.clock.now();
  const images: PreviewImage[] = [];
  // One role per account and Region for the whole preview, as the runner assumes them per execution.
  const actAs = lifecycleActAs(services.cloud, scope);
  for (const d of selectForPolicy(services, scope, policy, now)) {
    const { image } = d;
    const amis: PreviewAmi[] = [];
    for (const t of d.skipped ? [] : amiTargets(image, d.action, scope)) {
      const v = await amiVerdict(services.cloud, scope, t, d.action, now, actAs);
      const base = { region: t.region, accountId: t.accountId, imageId: t.resourceId };
      if (v.kind === 'act') amis.push(base);
      else if (v.state.status === 'SKIPPED') amis.push({ ...base, excluded: v.state.reason ?? 'Excluded.' });
      else if (v.state.status === 'FAILED') amis.push({ ...base, failed: v.state.reason ?? 'The action would fail.' });
      else amis.push({ ...base, done: v.state.reason ?? 'Already done.' });
    }
    images.push({
      imageArn: d.imageArn,
      ...(image.name ? { name: image.name } : {}),
      ...(image.version ? { version: image.version } : {}),
      ...(image.state?.status ? { status: image.state.status } : {}),
      ...(image.dateCreated ? { dateCreated: image.dateCreated } : {}),
      action: d.action.type,
      ...(d.skipped ? { skipped: d.skipped } : {}),
      includeAmis: d.action.includeAmis,
      includeSnapshots: d.action.includeSnapshots,
      includeContainers: d.action.includeContainers,
      amis,
    });
  }
  const body: LifecyclePreview = {
    lifecyclePolicyArn: policyArn,
    status: policy.status ?? 'ENABLED',
    evaluatedAt: new Date(now).toISOString(),
    images,
    amiRulesCheckedAtRun: [],
  };
  return { status: 200, body };
}

/** Answers the preview route, or undefined when the path is not it. */
export async function lifecyclePreviewRoute(services: Services, method: string, url: URL, caller?: string): Promise<AdminAnswer | undefined> {
  if (url.pathname.replace(/\/+$/, '') !== '/_ibex/lifecycle/preview') return undefined;
  if (method !== 'GET') return { status: 405, body: { message: `${method} is not supported on /_ibex/lifecycle/preview; use GET.` } };
  return previewLifecycle(services, caller, url.searchParams.get('policy'));
}
