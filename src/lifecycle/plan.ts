// What a lifecycle policy execution does, as a pure function of the policy, the images and the
// time: which Image Builder images it selects (by recipe or tags), and for each the one action it
// takes (DEPRECATE → DISABLE → DELETE priority), after AGE/COUNT filters, retention per recipe
// version and image-level exclusion rules. AMI-level exclusions (EC2 facts) are `amiExclusion`.
import { idFromName } from '../domain/arn.js';
import { matchesPattern } from '../domain/versions.js';
import type { Image, LifecyclePolicyDetail, LifecyclePolicyDetailExclusionRulesAmis } from '../model/generated/types.js';
import type { PlannedAction, StoredLifecyclePolicy } from '../store/records.js';

/** An image as the planner sees it. */
export interface PlanImage {
  image: Image & { arn: string };
  tags: Record<string, string>;
}

/** The planner's decision for one image. */
export interface ImageDecision {
  imageArn: string;
  action: PlannedAction;
  /** Set when an image-level exclusion rule kept the image: recorded as SKIPPED. */
  skipped?: string;
}

/** Image states of a build in progress: such images wait for a later run. */
const IN_PROGRESS = new Set(['PENDING', 'CREATING', 'BUILDING', 'IMPORTING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING']);
const ORDER = ['DEPRECATE', 'DISABLE', 'DELETE'] as const;

/** `now` minus `value` units (calendar months and years, UTC). */
export function ageCutoff(now: number, value: number, unit: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'): number {
  const d = new Date(now);
  if (unit === 'DAYS') return now - value * 86_400_000;
  if (unit === 'WEEKS') return now - value * 7 * 86_400_000;
  if (unit === 'MONTHS') d.setUTCMonth(d.getUTCMonth() - value);
  else d.setUTCFullYear(d.getUTCFullYear() - value);
  return d.getTime();
}

/** Whether the policy selects the image (resource type, then recipes or tags — tags OR-ed). */
export function selects(policy: StoredLifecyclePolicy, p: PlanImage): boolean {
  const img = p.image;
  if ((policy.resourceType === 'CONTAINER_IMAGE') !== (img.type === 'DOCKER')) return false;
  const sel = policy.resourceSelection ?? {};
  if (sel.recipes?.length) {
    const recipe = img.type === 'DOCKER' ? img.containerRecipe : img.imageRecipe;
    if (!recipe?.name || !recipe.version) return false;
    const id = idFromName(recipe.name);
    return sel.recipes.some((r) => idFromName(r.name) === id && matchesPattern(r.semanticVersion, recipe.version!));
  }
  if (sel.tagMap) return Object.entries(sel.tagMap).some(([k, v]) => p.tags[k] === v);
  return false;
}

const created = (p: PlanImage): number => Date.parse(p.image.dateCreated ?? '') || 0;
const status = (p: PlanImage): string => p.image.state?.status ?? 'PENDING';
/** Retention groups: one per recipe version (image name + x.y.z). */
const groupOf = (p: PlanImage): string => `${p.image.name}|${(p.image.version ?? '').split('/')[0]}`;

function eligible(rule: LifecyclePolicyDetail, p: PlanImage): boolean {
  const s = status(p);
  if (rule.action.type === 'DEPRECATE') return !['DEPRECATED', 'DISABLED', 'FAILED', 'CANCELLED'].includes(s);
  if (rule.action.type === 'DISABLE') return !['DISABLED', 'FAILED', 'CANCELLED'].includes(s);
  return true;
}

const excludedByTags = (rule: LifecyclePolicyDetail, p: PlanImage): boolean =>
  Object.entries(rule.exclusionRules?.tagMap ?? {}).some(([k, v]) => p.tags[k] === v);

/** The ARNs a rule acts on among `images`, and those an image-level exclusion kept. */
function ruleTargets(rule: LifecyclePolicyDetail, images: PlanImage[], now: number): { act: Set<string>; skipped: Set<string> } {
  const act = new Set<string>();
  const skipped = new Set<string>();
  const f = rule.filter;
  const cutoff = f.type === 'AGE' ? ageCutoff(now, f.value, f.unit ?? 'DAYS') : undefined;
  const slots = f.type === 'COUNT' ? f.value : (f.retainAtLeast ?? 0);
  const groups = new Map<string, PlanImage[]>();
  for (const p of images) {
    if (!eligible(rule, p)) continue;
    const old = cutoff === undefined || created(p) < cutoff;
    if (excludedByTags(rule, p)) {
      // An excluded image takes no retention slot; it is recorded only when the age rule picked it.
      if (cutoff !== undefined && old) skipped.add(p.image.arn);
      continue;
    }
    const failed = ['FAILED', 'CANCELLED'].includes(status(p));
    // Failed and cancelled images always qualify for DELETE and take no slot.
    if (rule.action.type === 'DELETE' && failed) {
      act.add(p.image.arn);
      continue;
    }
    const g = groups.get(groupOf(p)) ?? [];
    g.push(p);
    groups.set(groupOf(p), g);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => created(b) - created(a) || (a.image.arn < b.image.arn ? 1 : -1));
    for (const p of g.slice(slots)) if (cutoff === undefined || created(p) < cutoff) act.add(p.image.arn);
  }
  return { act, skipped };
}

function actionOf(rule: LifecyclePolicyDetail, resourceType: string | undefined): PlannedAction {
  const inc = rule.action.includeResources ?? {};
  return {
    type: rule.action.type,
    includeAmis: resourceType !== 'CONTAINER_IMAGE' && inc.amis === true,
    includeSnapshots: resourceType !== 'CONTAINER_IMAGE' && rule.action.type === 'DELETE' && inc.snapshots === true,
    includeContainers: resourceType === 'CONTAINER_IMAGE' && inc.containers === true,
  };
}

/** The decisions of one execution of `policy` at `now` (epoch ms) over the caller's images. */
export function planExecution(policy: StoredLifecyclePolicy, all: PlanImage[], now: number): ImageDecision[] {
  const images = all.filter((p) => selects(policy, p) && !IN_PROGRESS.has(status(p)) && status(p) !== 'DELETED');
  const rules = [...(policy.policyDetails ?? [])].sort((a, b) => ORDER.indexOf(a.action.type) - ORDER.indexOf(b.action.type));
  const decided = new Map<string, ImageDecision>();
  for (const rule of rules) {
    const { act, skipped } = ruleTargets(rule, images, now);
    for (const p of images) {
      const prev = decided.get(p.image.arn);
      // One action per image per execution: the first rule (by priority) that acts wins.
      if (prev && !prev.skipped) continue;
      if (act.has(p.image.arn)) decided.set(p.image.arn, { imageArn: p.image.arn, action: actionOf(rule, policy.resourceType) });
      else if (skipped.has(p.image.arn) && !prev) {
        decided.set(p.image.arn, {
          imageArn: p.image.arn,
          action: actionOf(rule, policy.resourceType),
          skipped: `Excluded by the ${rule.action.type} rule's exclusionRules.tagMap.`,
        });
      }
    }
  }
  return images.filter((p) => decided.has(p.image.arn)).map((p) => decided.get(p.image.arn)!);
}

/** What EC2 says about one output AMI, for the AMI-level exclusion rules. */
export interface AmiFacts {
  region: string;
  isPublic: boolean;
  tags: Record<string, string>;
  sharedAccounts: string[];
  /** Epoch ms of the last launch, when EC2 knows one. */
  lastLaunched?: number;
}

/** The reason an AMI-level exclusion rule keeps this AMI (first match wins, AWS's order), or undefined. */
export function amiExclusion(rules: LifecyclePolicyDetailExclusionRulesAmis | undefined, ami: AmiFacts, now: number): string | undefined {
  if (!rules) return undefined;
  if (rules.regions?.includes(ami.region)) return `Excluded by exclusionRules.amis.regions (${ami.region}).`;
  if (rules.isPublic === true && ami.isPublic) return 'Excluded by exclusionRules.amis.isPublic: the AMI is public.';
  const tag = Object.entries(rules.tagMap ?? {}).find(([k, v]) => ami.tags[k] === v);
  if (tag) return `Excluded by exclusionRules.amis.tagMap (${tag[0]}=${tag[1]}).`;
  const shared = rules.sharedAccounts?.find((a) => ami.sharedAccounts.includes(a));
  if (shared) return `Excluded by exclusionRules.amis.sharedAccounts: the AMI is shared with ${shared}.`;
  if (rules.lastLaunched && ami.lastLaunched !== undefined && ami.lastLaunched >= ageCutoff(now, rules.lastLaunched.value, rules.lastLaunched.unit)) {
    return 'Excluded by exclusionRules.amis.lastLaunched: the AMI was launched recently.';
  }
  return undefined;
}
