// Drift: compares what each job of an image delivered (the outputs of its succeeded steps, across
// the image's runs and ibex's catch-up and repair runs) with what is there now — a copy
// deregistered, a launch permission removed or added, a launch-template default moved away, an SSM
// parameter overwritten, an export object gone, an ECR tag moved — per Region and account, with
// the cause. Repair runs only the jobs that restore what drifted, as one durable run.
import { CloudError, type CloudPorts, type LaunchPermission } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { StoredPlanInput } from '../engine/distribution.js';
import type { PlannedJob } from '../engine/plan.js';
import { imageStepKey } from '../engine/step-keys.js';
import { isKind } from '../engine/step-inputs.js';
import type { LaunchPermissionConfiguration } from '../model/generated/types.js';
import type { CoreServices } from '../app/services.js';
import type { StepRecord } from '../engine/step-inputs.js';
import { actAs, type ActAs } from './act-as.js';
import { replan, startExtraRun } from './extra-run.js';
import { deliveredSteps, extraRunArn, runsOf } from './history.js';

export type DriftKind =
  | 'copyDeregistered'
  | 'launchPermissionRemoved'
  | 'launchPermissionAdded'
  | 'launchTemplateDefaultMoved'
  | 'ssmParameterOverwritten'
  | 'exportObjectGone'
  | 'ecrTagMoved';

/** One thing that is no longer as the job left it. */
export interface Drift {
  kind: DriftKind;
  region: string;
  accountId: string;
  /** The job that delivered it. */
  jobKey: string;
  /** What drifted: an AMI id, principal, template, parameter, object or tag. */
  resource: string;
  expected: string;
  actual: string;
  cause: string;
  /** The job a repair runs to restore it. */
  repairJob: string;
}

export interface DriftReport {
  imageBuildVersionArn: string;
  /** Jobs whose delivery was compared with the world. */
  checked: number;
  drift: Drift[];
  /** Jobs that could not be checked (a role that cannot be assumed, …), with AWS's error. */
  unchecked: { jobKey: string; code: string; message: string }[];
  /** The repair plan: the jobs `repair` would run. */
  repair: { jobs: string[] };
}

const principalOf = (p: LaunchPermission): string => p.userId ?? p.group ?? p.organizationArn ?? p.organizationalUnitArn ?? '';

function configured(lp: LaunchPermissionConfiguration | undefined): string[] {
  return [...(lp?.userIds ?? []), ...(lp?.userGroups ?? []), ...(lp?.organizationArns ?? []), ...(lp?.organizationalUnitArns ?? [])];
}

function asPermission(principal: string): LaunchPermission {
  if (principal === 'all') return { group: 'all' };
  if (/^\d{12}$/.test(principal)) return { userId: principal };
  return principal.includes(':ou/') ? { organizationalUnitArn: principal } : { organizationArn: principal };
}

/** The jobs the image's runs delivered in full (every step succeeded), latest record of each. */
function deliveredJobs(services: CoreServices, scope: Scope, imageArn: string, delivered: Map<string, StepRecord>): PlannedJob[] {
  const jobs = new Map<string, PlannedJob>();
  for (const run of runsOf(services, scope, imageArn))
    for (const j of run.jobs) if (!j.key.endsWith(':revoke') && !j.key.startsWith('rollback:')) jobs.set(j.key, j);
  const byJob = new Map<string, StepRecord[]>();
  for (const st of delivered.values()) byJob.set(st.jobKey, [...(byJob.get(st.jobKey) ?? []), st]);
  return [...jobs.values()].filter((j) => (byJob.get(j.key)?.length ?? 0) > 0 && allStepsOf(services, scope, imageArn, j.key).every((k) => delivered.has(k)));
}

function allStepsOf(services: CoreServices, scope: Scope, imageArn: string, jobKey: string): string[] {
  const keys = new Set<string>();
  for (const run of runsOf(services, scope, imageArn)) for (const s of services.runs.steps(scope, run.runId)) if (s.jobKey === jobKey) keys.add(s.key);
  return [...keys];
}

/** Compares the image's deliveries with the world; changes nothing. */
export async function detectDrift(services: CoreServices, scope: Scope, imageArn: string): Promise<DriftReport> {
  const delivered = deliveredSteps(services, scope, imageArn);
  const jobs = deliveredJobs(services, scope, imageArn, delivered);
  const as = actAs(services.cloud, scope);
  const drift: Drift[] = [];
  const unchecked: DriftReport['unchecked'] = [];
  const out = (st: string) => delivered.get(st)?.output ?? {};
  for (const job of jobs) {
    try {
      await checkJob(services.cloud, as, scope, job, delivered, out, drift);
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      unchecked.push({ jobKey: job.key, code: e.code, message: e.message });
    }
  }
  drift.sort(
    (a, b) =>
      a.region.localeCompare(b.region) || a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind) || a.resource.localeCompare(b.resource),
  );
  return { imageBuildVersionArn: imageArn, checked: jobs.length, drift, unchecked, repair: { jobs: [...new Set(drift.map((d) => d.repairJob))].sort() } };
}

async function checkJob(
  cloud: CloudPorts,
  as: ActAs,
  owner: Scope,
  job: PlannedJob,
  delivered: Map<string, StepRecord>,
  out: (step: string) => Record<string, unknown>,
  drift: Drift[],
): Promise<void> {
  const r = job.region;
  const a = job.accountId;
  const base = { region: r, accountId: a, jobKey: job.key };
  switch (job.kind) {
    case 'ami': {
      const imageId = out(imageStepKey(r, a)).imageId as string;
      const scope = await as(a, r);
      let state = 'gone';
      try {
        state = (await cloud.ec2.describeImages(scope, { imageIds: [imageId] })).images[0]?.state ?? 'gone';
      } catch (e) {
        if (!(e instanceof CloudError && e.code === 'InvalidAMIID.NotFound')) throw e;
      }
      if (state === 'deregistered' || state === 'gone') {
        drift.push({
          ...base,
          kind: 'copyDeregistered',
          resource: imageId,
          expected: 'available',
          actual: state === 'gone' ? 'does not exist' : 'deregistered',
          cause: `AMI ${imageId} of account ${a} in ${r} was deregistered after the distribution delivered it.`,
          repairJob: job.key,
        });
        return;
      }
      if (a !== owner.accountId) return;
      // The owner's AMI: its launch permissions are the configured ones plus the targets the runs granted.
      const lpStep = delivered.get(`shareImage:${r}`);
      const want = configured(lpStep?.kind === 'shareImage' ? lpStep.output?.launchPermission : undefined);
      const granted = [...delivered.values()]
        .filter(isKind('grantLaunch'))
        .filter((s) => s.region === r)
        .map((s) => s.input.userId);
      const { launchPermissions } = await cloud.ec2.describeImageAttribute(scope, { imageId, attribute: 'launchPermission' });
      const have = launchPermissions.map(principalOf);
      for (const p of want.filter((p) => !have.includes(p))) {
        drift.push({
          ...base,
          jobKey: `launchPermission:${r}`,
          kind: 'launchPermissionRemoved',
          resource: p,
          expected: `${imageId} shared with ${p}`,
          actual: 'not shared',
          cause: `The launch permission for ${p} on AMI ${imageId} in ${r} was removed.`,
          repairJob: `launchPermission:${r}`,
        });
      }
      for (const p of have.filter((p) => !want.includes(p) && !granted.includes(p))) {
        drift.push({
          ...base,
          jobKey: `launchPermission:${r}`,
          kind: 'launchPermissionAdded',
          resource: p,
          expected: 'not shared',
          actual: `${imageId} shared with ${p}`,
          cause: `A launch permission for ${p} on AMI ${imageId} in ${r} was added outside the settings.`,
          repairJob: `launchPermission:${r}:revoke`,
        });
      }
      return;
    }
    case 'launchTemplate': {
      const o = out(job.key);
      if (o.defaultVersion !== true) return;
      const id = o.launchTemplateId as string;
      const scope = await as(a, r);
      const t = (await cloud.ec2.describeLaunchTemplates(scope, { launchTemplateIds: [id] })).launchTemplates[0];
      if (!t || t.defaultVersionNumber === o.versionNumber) return;
      const v = (await cloud.ec2.describeLaunchTemplateVersions(scope, { launchTemplateId: id, versions: [String(t.defaultVersionNumber)] }))
        .launchTemplateVersions[0];
      drift.push({
        ...base,
        kind: 'launchTemplateDefaultMoved',
        resource: id,
        expected: `default version ${String(o.versionNumber)} (${String(o.imageId)})`,
        actual: `default version ${t.defaultVersionNumber} (${v?.launchTemplateData.imageId ?? 'no AMI'})`,
        cause: `The default version of launch template ${id} of account ${a} in ${r} was moved from ${String(o.versionNumber)} to ${t.defaultVersionNumber}.`,
        repairJob: job.key,
      });
      return;
    }
    case 'ssmParameter': {
      const o = out(job.key);
      const name = o.parameterName as string;
      let actual: string;
      try {
        const p = (await cloud.ssm.getParameter(await as(a, r), { name })).parameter;
        if (p.value === o.value) return;
        actual = `${p.value} (version ${p.version})`;
      } catch (e) {
        if (!(e instanceof CloudError && e.code === 'ParameterNotFound')) throw e;
        actual = 'deleted';
      }
      drift.push({
        ...base,
        kind: 'ssmParameterOverwritten',
        resource: name,
        expected: `${String(o.value)} (version ${String(o.version)})`,
        actual,
        cause: `SSM parameter ${name} of account ${a} in ${r} was ${actual === 'deleted' ? 'deleted' : 'overwritten'} after the distribution wrote it.`,
        repairJob: job.key,
      });
      return;
    }
    case 's3Export': {
      const o = out(`waitExport:${r}`);
      const bucket = o.s3Bucket as string;
      const key = o.s3Key as string;
      const { contents } = await cloud.s3.listObjects(await as(a, r), { bucket, prefix: key });
      if (contents.some((c) => c.key === key)) return;
      drift.push({
        ...base,
        kind: 'exportObjectGone',
        resource: `s3://${bucket}/${key}`,
        expected: 'present',
        actual: 'gone',
        cause: `The exported object s3://${bucket}/${key} was deleted.`,
        repairJob: job.key,
      });
      return;
    }
    case 'container': {
      const st = delivered.get(job.key);
      if (st?.kind !== 'pushContainer') return;
      const digest = st.output?.imageDigest;
      const repositoryName = st.input.repositoryName;
      const scope = await as(a, r);
      for (const tag of st.input.containerTags) {
        let now = 'no image';
        try {
          now = (await cloud.ecr.describeImages(scope, { repositoryName, imageIds: [{ imageTag: tag }] })).imageDetails[0]?.imageDigest ?? 'no image';
        } catch (e) {
          if (!(e instanceof CloudError && e.code === 'ImageNotFoundException')) throw e;
        }
        if (digest === undefined || now === digest) continue;
        drift.push({
          ...base,
          kind: 'ecrTagMoved',
          resource: `${repositoryName}:${tag}`,
          expected: digest,
          actual: now,
          cause: `ECR tag ${repositoryName}:${tag} in ${r} was moved to ${now}.`,
          repairJob: job.key,
        });
      }
      return;
    }
    default:
      // License associations and fast launch are not compared (see docs/beyond.md).
      return;
  }
}

/** The result of a repair: what drifted, and the run that restores it. */
export interface RepairResult extends DriftReport {
  runId?: string;
  /** Jobs that cannot run because what they build on is itself gone (repair those first). */
  unrunnable: string[];
}

/** Detects drift again and starts one durable run of exactly the jobs that restore it. */
export async function repairDrift(services: CoreServices, scope: Scope, imageArn: string): Promise<RepairResult> {
  const report = await detectDrift(services, scope, imageArn);
  if (report.repair.jobs.length === 0) return { ...report, unrunnable: [] };
  const runs = runsOf(services, scope, imageArn);
  // The image's own last run, or (for a rollout's image) its last ring run: each holds the full plan input.
  const main = (runs.filter((r) => r.imageArn === imageArn).at(-1) ?? runs.at(-1))!;
  const stored = main.planInput as StoredPlanInput;
  // Accounts catch-up runs added are part of what the image delivers: plan with all of them.
  const ouTargets = new Map((stored.ouTargets ?? []).map((t) => [t.accountId, t]));
  for (const r of runs) for (const t of (r.planInput as StoredPlanInput).ouTargets ?? []) if (!ouTargets.has(t.accountId)) ouTargets.set(t.accountId, t);
  const input: StoredPlanInput = { ...stored, ...(ouTargets.size ? { ouTargets: [...ouTargets.values()] } : {}) };
  const plan = replan(input);
  for (const d of report.drift.filter((x) => x.kind === 'launchPermissionAdded')) {
    const key = d.repairJob;
    const ownerImage = imageStepKey(d.region, scope.accountId);
    if (!plan.jobs.some((j) => j.key === key))
      plan.jobs.push({ key, kind: 'launchPermission', region: d.region, accountId: scope.accountId, title: `launch permissions added by hand in ${d.region}` });
    const step = plan.steps.find((s) => s.key === `revokeLaunch:${d.region}`);
    if (step?.kind === 'revokeLaunch') step.input.remove.push(asPermission(d.resource));
    else
      plan.steps.push({
        key: `revokeLaunch:${d.region}`,
        jobKey: key,
        kind: 'revokeLaunch',
        accountId: scope.accountId,
        region: d.region,
        dependsOn: [ownerImage],
        input: { imageStep: ownerImage, remove: [asPermission(d.resource)] },
      });
  }
  const { run, unrunnable } = startExtraRun(
    services,
    scope,
    extraRunArn(imageArn, 'repair', new Date().toISOString()),
    input,
    plan,
    new Set(report.repair.jobs),
    deliveredSteps(services, scope, imageArn),
  );
  return { ...report, ...(run ? { runId: run.runId } : {}), unrunnable };
}
