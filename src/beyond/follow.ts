// Following OUs: for settings tagged `ibex:follow=true` (with `ibex:copyToOrganizationalUnits`),
// an account that joined one of the OUs since the latest image was distributed with them gets a
// catch-up run of that image — its AMI copies only, every other step carried over — and an account
// that left keeps its copies but is no longer targeted. Whether an account is covered is derived
// from the stored runs, so a sync interrupted anywhere is repeated without doing anything twice.
import type { Scope } from '../domain/scope.js';
import type { StoredPlanInput } from '../engine/distribution.js';
import type { OuTarget } from '../engine/plan.js';
import type { CoreServices } from '../app/services.js';
import { deliveredSteps, extraRunArn, latestImageWith, runsOf, taggedConfigurations } from './history.js';
import { replan, startExtraRun } from './extra-run.js';
import { OU_TAG, OuTargetError, follows, ouArnsOf, resolveOuTargets } from './ou-targets.js';

/** What one sync found and did for one followed configuration. */
export interface FollowEntry {
  distributionConfigurationArn: string;
  /** The image caught up (the latest AVAILABLE one distributed with the settings), if any. */
  imageArn?: string;
  /** Accounts in the OUs now, with the OU each was found in. */
  members: { accountId: string; ouArn: string }[];
  /** Accounts that joined and got a catch-up run now. */
  caughtUp: { accountId: string; ouArn: string; runId: string; jobs: string[] }[];
  /** Accounts the image reached through an OU that are no longer in it (their copies stay). */
  left: string[];
  /** Why the OUs could not be read, when they could not. */
  error?: string;
}

/** What GET /_ibex/follow shows for one configuration tagged with OUs (read-only: nothing starts). */
export interface FollowStatus {
  distributionConfigurationArn: string;
  /** The OU ARNs of the tag. */
  organizationalUnits: string[];
  /** True with `ibex:follow=true`: accounts that join get a catch-up run (else the tag only adds accounts at plan time). */
  follow: boolean;
  /** Accounts in the OUs now, with the OU each was found in. */
  members: OuTarget[];
  /** The latest AVAILABLE image distributed with the settings (what a catch-up copies), if any. */
  imageArn?: string;
  /** Members no run of that image targets yet: when following, the next sync starts their catch-up run. */
  pending: OuTarget[];
  /** The image's catch-up runs so far, oldest first (`running` ones are still copying). */
  catchUpRuns: { accountId: string; runId: string; status: string; startTime: string; endTime?: string }[];
  /** Accounts the image reached through an OU that are no longer in it (their copies stay). */
  left: string[];
  /** Why the OUs could not be read, when they could not. */
  error?: string;
}

/** What following needs of one configuration: its status, and the stored plan a catch-up extends. */
interface Inspected {
  status: FollowStatus;
  scope: Scope;
  main?: StoredPlanInput;
}

async function inspect(services: CoreServices, c: { scope: Scope; arn: string; tags: Record<string, string> }): Promise<Inspected> {
  const status: FollowStatus = {
    distributionConfigurationArn: c.arn,
    organizationalUnits: [],
    follow: follows(c.tags),
    members: [],
    pending: [],
    catchUpRuns: [],
    left: [],
  };
  try {
    status.organizationalUnits = ouArnsOf(c.tags);
    status.members = await resolveOuTargets(services.cloud, c.scope, c.tags);
  } catch (e) {
    if (!(e instanceof OuTargetError)) throw e;
    status.error = e.message;
    return { status, scope: c.scope };
  }
  const image = latestImageWith(services, c.scope, c.arn);
  if (!image) return { status, scope: c.scope };
  status.imageArn = image.arn;
  const runs = runsOf(services, c.scope, image.arn);
  const prefix = extraRunArn(image.arn, 'catch-up', '');
  status.catchUpRuns = runs
    .filter((r) => r.imageArn.startsWith(prefix))
    .map((r) => ({
      accountId: r.imageArn.slice(prefix.length),
      runId: r.runId,
      status: r.status,
      startTime: r.startTime,
      ...(r.endTime ? { endTime: r.endTime } : {}),
    }));
  // The image's own last run, or (for a rollout's image) its last ring run: each holds the full plan input.
  const main = runs.filter((r) => r.imageArn === image.arn).at(-1) ?? runs.at(-1);
  if (!main) return { status, scope: c.scope };
  // Accounts some run of the image already targets (its plan, or an earlier catch-up).
  const covered = new Set(runs.flatMap((r) => r.jobs.filter((j) => j.kind === 'ami').map((j) => j.accountId)));
  const viaOu = new Set(
    runs
      .flatMap((r) => r.jobs)
      .filter((j) => j.kind === 'ami' && j.origin?.startsWith('arn:'))
      .map((j) => j.accountId),
  );
  const now = new Set(status.members.map((m) => m.accountId));
  status.left = [...viaOu].filter((a) => !now.has(a)).sort();
  // Only a Region with an AMI distribution copies to OU accounts: without one nothing is pending.
  const stored = main.planInput as StoredPlanInput;
  if (stored.distributions.some((d) => d.amiDistributionConfiguration !== undefined)) status.pending = status.members.filter((m) => !covered.has(m.accountId));
  return { status, scope: c.scope, main: stored };
}

/** Every configuration tagged with OUs (of `onlyAccount`, when given): which OUs, who is in them, what is pending. */
export async function followStatus(services: CoreServices, onlyAccount?: string): Promise<FollowStatus[]> {
  const out: FollowStatus[] = [];
  for (const c of taggedConfigurations(services)) {
    if (c.tags[OU_TAG] === undefined || (onlyAccount !== undefined && c.scope.accountId !== onlyAccount)) continue;
    out.push((await inspect(services, c)).status);
  }
  return out;
}

/** Checks every followed configuration (of `onlyAccount`, when given) once and starts the catch-up runs needed. */
export async function syncFollowers(services: CoreServices, onlyAccount?: string): Promise<FollowEntry[]> {
  const out: FollowEntry[] = [];
  for (const c of taggedConfigurations(services)) {
    if (!follows(c.tags) || (onlyAccount !== undefined && c.scope.accountId !== onlyAccount)) continue;
    const { status, main } = await inspect(services, c);
    const entry: FollowEntry = {
      distributionConfigurationArn: c.arn,
      ...(status.imageArn && main ? { imageArn: status.imageArn } : {}),
      members: status.members,
      caughtUp: [],
      left: status.left,
      ...(status.error ? { error: status.error } : {}),
    };
    out.push(entry);
    if (!main || !status.imageArn) continue;
    const delivered = deliveredSteps(services, c.scope, status.imageArn);
    for (const m of status.pending) {
      // The image's own plan with the new account as one more OU target: its steps keep their keys.
      const input: StoredPlanInput = { ...main, ouTargets: [...(main.ouTargets ?? []), m] };
      const plan = replan(input);
      const jobKeys = new Set(plan.jobs.filter((j) => j.kind === 'ami' && j.accountId === m.accountId).map((j) => j.key));
      const { run } = startExtraRun(services, c.scope, extraRunArn(status.imageArn, 'catch-up', m.accountId), input, plan, jobKeys, delivered);
      if (run) entry.caughtUp.push({ ...m, runId: run.runId, jobs: run.jobs });
    }
  }
  return out;
}

/** Syncs every `intervalMs` until stopped (one sync at a time; failures are reported, not thrown). */
export function startFollowing(services: CoreServices, intervalMs: number, onError: (e: unknown) => void): { stop(): void } {
  let busy = false;
  const t = setInterval(() => {
    if (busy) return;
    busy = true;
    syncFollowers(services).then(
      () => (busy = false),
      (e: unknown) => {
        busy = false;
        onError(e);
      },
    );
  }, intervalMs);
  t.unref();
  return { stop: () => clearInterval(t) };
}
