// Rollback everywhere: puts an earlier image back in every SSM parameter and launch-template
// default version that its distribution wrote, in every Region and account. First a plan that
// lists each change (from what is there now to the earlier AMI) and refuses, with the reason,
// where that AMI no longer exists or the account cannot launch it there; then one durable run of
// the changes that are allowed (each an idempotent write, resumed after a crash).
import { CloudError } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { StoredPlanInput } from '../engine/distribution.js';
import type { Plan, PlannedJob } from '../engine/plan.js';
import type { PlannedStep } from '../engine/step-inputs.js';
import type { CoreServices } from '../app/services.js';
import { actAs, type ActAs } from './act-as.js';
import { startExtraRun } from './extra-run.js';
import { deliveredSteps, extraRunArn, runsOf } from './history.js';

/** One planned re-pointing. */
export interface RollbackChange {
  kind: 'ssmParameter' | 'launchTemplate';
  region: string;
  accountId: string;
  /** The parameter name or launch template id. */
  resource: string;
  /** What is there now (the AMI id, and for templates the default version). */
  from: string;
  /** The earlier image's AMI (and template version). */
  to: string;
  /** `change`: will be written; `unchanged`: already so; `refused`: see `reason`. */
  outcome: 'change' | 'unchanged' | 'refused';
  reason?: string;
}

export interface RollbackPlan {
  to: string;
  changes: RollbackChange[];
  summary: { change: number; unchanged: number; refused: number };
  /** Set when the rollback was started: its durable run. */
  runId?: string;
}

async function stateAs(services: CoreServices, as: ActAs, accountId: string, region: string, imageId: string): Promise<string> {
  try {
    return (await services.cloud.ec2.describeImages(await as(accountId, region), { imageIds: [imageId] })).images[0]?.state ?? 'unseen';
  } catch (e) {
    if (e instanceof CloudError && e.code === 'InvalidAMIID.NotFound') return 'unseen';
    throw e;
  }
}

/**
 * Why `user` cannot launch `imageId` (owned by `owner`) in `region`, or undefined when it can:
 * the AMI is gone (deregistered, or its owner no longer sees it), disabled, not available, or not shared.
 */
async function refusal(services: CoreServices, as: ActAs, owner: string, user: string, region: string, imageId: string): Promise<string | undefined> {
  const own = await stateAs(services, as, owner, region, imageId);
  if (own === 'deregistered' || own === 'unseen') return `AMI ${imageId} of account ${owner} no longer exists in ${region} (deregistered).`;
  if (own === 'disabled') return `AMI ${imageId} of account ${owner} is disabled in ${region}: it cannot be launched until it is enabled again (EnableImage).`;
  if (own !== 'available') return `AMI ${imageId} of account ${owner} is ${own} in ${region}, not available.`;
  if (user !== owner && (await stateAs(services, as, user, region, imageId)) !== 'available') {
    return `AMI ${imageId} of account ${owner} is not launchable by account ${user} in ${region}: it is not shared with that account.`;
  }
  return undefined;
}

/** Plans putting `to` back everywhere its distribution wrote SSM parameters and template defaults. */
export async function planRollback(services: CoreServices, scope: Scope, to: string): Promise<{ plan: RollbackPlan; run: Plan }> {
  const delivered = deliveredSteps(services, scope, to);
  const as = actAs(services.cloud, scope);
  const changes: RollbackChange[] = [];
  const jobs: PlannedJob[] = [];
  const steps: PlannedStep[] = [];
  for (const st of [...delivered.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const base = { region: st.region, accountId: st.accountId };
    try {
      if ((st.kind === 'ssmParameter' || st.kind === 'setParameter') && st.output) {
        if (st.key.startsWith('rollback:')) continue;
        const name = st.output.parameterName;
        const value = st.output.value;
        // The parameter holds the AMI of its own account (amiAccountId): that account must launch it.
        const reason = await refusal(services, as, st.accountId, st.accountId, st.region, value);
        let from = 'absent';
        try {
          from = (await services.cloud.ssm.getParameter(await as(st.accountId, st.region), { name })).parameter.value;
        } catch (e) {
          if (!(e instanceof CloudError && e.code === 'ParameterNotFound')) throw e;
        }
        const outcome = reason ? 'refused' : from === value ? 'unchanged' : 'change';
        changes.push({ kind: 'ssmParameter', ...base, resource: name, from, to: value, outcome, ...(reason ? { reason } : {}) });
        if (outcome === 'change') {
          const key = `rollback:${st.key}`;
          jobs.push({ key, kind: 'ssmParameter', ...base, title: `SSM parameter ${name} of account ${st.accountId} in ${st.region} back to ${value}` });
          steps.push({
            key,
            jobKey: key,
            kind: 'setParameter',
            ...base,
            dependsOn: [],
            input: { parameterName: name, value, ...(st.input.dataType ? { dataType: st.input.dataType } : {}) },
          });
        }
      } else if (st.kind === 'launchTemplate' && st.output?.defaultVersion === true) {
        const id = st.output.launchTemplateId;
        const version = st.output.versionNumber;
        const imageId = st.output.imageId;
        // AWS writes the owner's AMI into every template: the owner must still have it, the template's account launch it.
        const reason = await refusal(services, as, scope.accountId, st.accountId, st.region, imageId);
        const ltScope = await as(st.accountId, st.region);
        const t = (await services.cloud.ec2.describeLaunchTemplates(ltScope, { launchTemplateIds: [id] })).launchTemplates[0];
        const now = t
          ? (await services.cloud.ec2.describeLaunchTemplateVersions(ltScope, { launchTemplateId: id, versions: [String(t.defaultVersionNumber)] }))
              .launchTemplateVersions[0]
          : undefined;
        const from = t ? `version ${t.defaultVersionNumber} (${now?.launchTemplateData.imageId ?? 'no AMI'})` : 'template gone';
        const gone = t ? undefined : `Launch template ${id} no longer exists in account ${st.accountId} in ${st.region}.`;
        const why = reason ?? gone;
        const outcome = why ? 'refused' : t!.defaultVersionNumber === version ? 'unchanged' : 'change';
        changes.push({ kind: 'launchTemplate', ...base, resource: id, from, to: `version ${version} (${imageId})`, outcome, ...(why ? { reason: why } : {}) });
        if (outcome === 'change') {
          const key = `rollback:${st.key}`;
          jobs.push({
            key,
            kind: 'launchTemplate',
            ...base,
            title: `launch template ${id} of account ${st.accountId} in ${st.region} back to version ${version}`,
          });
          steps.push({ key, jobKey: key, kind: 'setDefaultVersion', ...base, dependsOn: [], input: { launchTemplateId: id, versionNumber: version, imageId } });
        }
      }
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      const o = (st.output ?? {}) as { parameterName?: string; launchTemplateId?: string; value?: string; imageId?: string };
      const resource = o.parameterName ?? o.launchTemplateId ?? st.key;
      changes.push({
        kind: st.kind === 'launchTemplate' ? 'launchTemplate' : 'ssmParameter',
        ...base,
        resource,
        from: 'unknown',
        to: String(o.value ?? o.imageId ?? ''),
        outcome: 'refused',
        reason: `${e.code}: ${e.message}`,
      });
    }
  }
  changes.sort(
    (a, b) =>
      a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind) || a.resource.localeCompare(b.resource),
  );
  const count = (k: RollbackChange['outcome']) => changes.filter((c) => c.outcome === k).length;
  return { plan: { to, changes, summary: { change: count('change'), unchanged: count('unchanged'), refused: count('refused') } }, run: { jobs, steps } };
}

/** Plans, then (unless `dryRun`) starts one durable run of the allowed changes. */
export async function rollback(services: CoreServices, scope: Scope, to: string, dryRun: boolean): Promise<RollbackPlan> {
  const { plan, run } = await planRollback(services, scope, to);
  if (dryRun || run.jobs.length === 0) return plan;
  const runs = runsOf(services, scope, to);
  const main = (runs.filter((r) => r.imageArn === to).at(-1) ?? runs.at(-1))!;
  const { run: started } = startExtraRun(
    services,
    scope,
    extraRunArn(to, 'rollback', new Date().toISOString()),
    main.planInput as StoredPlanInput,
    run,
    new Set(run.jobs.map((j) => j.key)),
    new Map(),
  );
  return { ...plan, ...(started ? { runId: started.runId } : {}) };
}
