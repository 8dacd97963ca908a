// Following OUs: for settings tagged `ibex:follow=true` (with `ibex:copyToOrganizationalUnits`),
// an account that joined one of the OUs since the latest image was distributed with them gets a
// catch-up run of that image — its AMI copies only, every other step carried over — and an account
// that left keeps its copies but is no longer targeted. Whether an account is covered is derived
// from the stored runs, so a sync interrupted anywhere is repeated without doing anything twice.
import type { StoredPlanInput } from '../engine/distribution.js';
import type { Services } from '../operations/context.js';
import { deliveredSteps, extraRunArn, latestImageWith, runsOf, taggedConfigurations } from './history.js';
import { replan, startExtraRun } from './extra-run.js';
import { OuTargetError, follows, resolveOuTargets } from './ou-targets.js';

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

/** Checks every followed configuration (of `onlyAccount`, when given) once and starts the catch-up runs needed. */
export async function syncFollowers(services: Services, onlyAccount?: string): Promise<FollowEntry[]> {
  const out: FollowEntry[] = [];
  for (const c of taggedConfigurations(services)) {
    if (!follows(c.tags) || (onlyAccount !== undefined && c.scope.accountId !== onlyAccount)) continue;
    const entry: FollowEntry = { distributionConfigurationArn: c.arn, members: [], caughtUp: [], left: [] };
    out.push(entry);
    try {
      entry.members = await resolveOuTargets(services.cloud, c.scope, c.tags);
    } catch (e) {
      if (!(e instanceof OuTargetError)) throw e;
      entry.error = e.message;
      continue;
    }
    const image = latestImageWith(services, c.scope, c.arn);
    if (!image) continue;
    entry.imageArn = image.arn;
    const runs = runsOf(services, c.scope, image.arn);
    // The image's own last run, or (for a rollout's image) its last ring run: each holds the full plan input.
    const main = runs.filter((r) => r.imageArn === image.arn).at(-1) ?? runs.at(-1);
    if (!main) continue;
    // Accounts some run of the image already targets (its plan, or an earlier catch-up).
    const covered = new Set(runs.flatMap((r) => r.jobs.filter((j) => j.kind === 'ami').map((j) => j.accountId)));
    const viaOu = new Set(runs.flatMap((r) => r.jobs).filter((j) => j.kind === 'ami' && j.origin?.startsWith('arn:')).map((j) => j.accountId));
    const now = new Set(entry.members.map((m) => m.accountId));
    entry.left = [...viaOu].filter((a) => !now.has(a)).sort();
    const stored = main.planInput as StoredPlanInput;
    for (const m of entry.members) {
      if (covered.has(m.accountId)) continue;
      // The image's own plan with the new account as one more OU target: its steps keep their keys.
      const input: StoredPlanInput = { ...stored, ouTargets: [...(stored.ouTargets ?? []), m] };
      const plan = replan(input);
      const jobKeys = new Set(plan.jobs.filter((j) => j.kind === 'ami' && j.accountId === m.accountId).map((j) => j.key));
      const { run } = startExtraRun(services, c.scope, extraRunArn(image.arn, 'catch-up', m.accountId), input, plan, jobKeys, deliveredSteps(services, c.scope, image.arn));
      if (run) entry.caughtUp.push({ ...m, runId: run.runId, jobs: run.jobs });
    }
  }
  return out;
}

/** Syncs every `intervalMs` until stopped (one sync at a time; failures are reported, not thrown). */
export function startFollowing(services: Services, intervalMs: number, onError: (e: unknown) => void): { stop(): void } {
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
