// The DISTRIBUTION step actions as distribution-engine runs: DistributeImage copies AMIs (its
// `distributions` input, else the AMI part of the image's distribution configuration),
// ModifyImageAttributes shares the AMIs an earlier step distributed (`attributes`, else the
// configuration's launch permissions), ApplyImageConfigurations applies licenses, launch templates,
// SSM parameters, exports and fast launch to them (`configurations`, else the configuration's),
// DistributeContainerImage pushes the container to each Region. Each is planned with the engine's
// pure plan; AMIs that already exist enter the run as finished steps, so nothing is copied twice.
import type { StoredPlanInput } from '../engine/distribution.js';
import { jobViews, failureReason, type JobView } from '../engine/outcome.js';
import { planDistribution, type PlannedJob } from '../engine/plan.js';
import { imageStepKey } from '../engine/step-keys.js';
import { imageOutput } from '../engine/step-inputs.js';
import { stepKeys } from '../engine/step-keys.js';
import type { Distribution, LaunchPermissionConfiguration } from '../model/generated/types.js';
import type { RunStatus } from '../engine/run-ports.js';
import type { StepRecord } from '../engine/step-inputs.js';

/** One entry of `distributedImages` (and of modifiedImages / configuredImages). */
export interface DistributedImage {
  region: string;
  accountId: string;
  name?: string;
  amiId?: string;
  dateStarted?: string;
  dateStopped?: string;
  status: 'Completed' | 'Failed' | 'Cancelled' | 'InProgress';
  step: string;
  errorMessage?: string;
}

/** A run ready to be written: its jobs and steps (some already finished) and its plan input. */
export interface PreparedRun {
  jobs: PlannedJob[];
  steps: StepRecord[];
  planInput: StoredPlanInput;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function plan(base: StoredPlanInput, distributions: Distribution[]) {
  return planDistribution({ ...base, distributions, template: { buildDate: new Date(base.template.buildDate), buildVersion: base.template.buildVersion } });
}

function listInput(inputs: Record<string, unknown>, key: string): Record<string, unknown>[] | undefined {
  const v = inputs[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isMap)) throw new Error(`The input '${key}' must be a list of maps.`);
  for (const [i, d] of v.entries()) if (typeof d.region !== 'string' || !d.region) throw new Error(`The input '${key}[${i}].region' must be a Region.`);
  return v as Record<string, unknown>[];
}

/** `distributedImages` from an earlier step's output (the input of Modify/Apply). */
function distributedInput(inputs: Record<string, unknown>): DistributedImage[] {
  const v = inputs.distributedImages;
  if (!Array.isArray(v) || !v.every((d) => isMap(d) && typeof d.region === 'string' && typeof d.accountId === 'string')) {
    throw new Error("The input 'distributedImages' must be the distributedImages output of an earlier DistributeImage step.");
  }
  return v as unknown as DistributedImage[];
}

// ------------------------------------------------------------------ DistributeImage

/** Plans DistributeImage: AMI copies only (sharing and configurations are other actions). */
export function prepareDistributeImage(base: StoredPlanInput, config: Distribution[] | undefined, inputs: Record<string, unknown>): PreparedRun {
  const given = listInput(inputs, 'distributions');
  const src = base.source;
  let distributions: Distribution[];
  if (given) {
    distributions = given.map((d) => ({
      region: d.region as string,
      amiDistributionConfiguration: {
        ...(typeof d.name === 'string' ? { name: d.name } : {}),
        ...(typeof d.description === 'string' ? { description: d.description } : {}),
        ...(Array.isArray(d.targetAccountIds) ? { targetAccountIds: d.targetAccountIds.map(String) } : {}),
        ...(isMap(d.amiTags) ? { amiTags: Object.fromEntries(Object.entries(d.amiTags).map(([k, v]) => [k, String(v)])) } : {}),
        ...(typeof d.kmsKeyId === 'string' ? { kmsKeyId: d.kmsKeyId } : {}),
      },
    }));
  } else {
    distributions = (config ?? []).map((d) => {
      const { launchPermission: _lp, ...ami } = d.amiDistributionConfiguration ?? {};
      return { region: d.region, amiDistributionConfiguration: ami };
    });
  }
  // The build-Region AMI was named when the build ended; a distribution there only tags it.
  if (src.kind === 'ami') {
    distributions = distributions.map((d) =>
      d.region === src.region ? { ...d, amiDistributionConfiguration: { ...d.amiDistributionConfiguration, name: src.name } } : d,
    );
  }
  const p = plan(base, distributions);
  return { jobs: p.jobs, steps: p.steps.map((s) => ({ ...s, status: 'pending', attempts: 0 })), planInput: { ...base, distributions } };
}

// ------------------------------------------------------------------ Modify / Apply

/**
 * Keeps the plan's non-AMI jobs; the AMI steps they depend on become finished steps holding the
 * AMIs of `distributed` (or failed ones, with what depends on them, when an AMI is missing).
 */
function onExistingImages(base: StoredPlanInput, distributions: Distribution[], distributed: DistributedImage[]): PreparedRun {
  const p = plan(base, distributions);
  const have = new Map(distributed.filter((d) => d.status === 'Completed' && d.amiId).map((d) => [imageStepKey(d.region, d.accountId), d]));
  const steps: StepRecord[] = [];
  const failed = new Map<string, string>();
  for (const s of p.steps) {
    if (!s.jobKey.startsWith('ami:')) continue;
    if (!s.key.startsWith('image:')) continue;
    const d = have.get(s.key);
    if (d)
      steps.push({
        ...s,
        kind: 'tagImage',
        dependsOn: [],
        input: { imageId: d.amiId!, tags: {} },
        status: 'succeeded',
        attempts: 0,
        output: { imageId: d.amiId!, ...(d.name ? { name: d.name } : {}) },
      });
    else {
      const msg = `No AMI was distributed to account ${s.accountId} in Region ${s.region}.`;
      failed.set(s.key, msg);
      steps.push({ ...s, dependsOn: [], status: 'failed', attempts: 0, errorCode: 'ImageNotDistributed', error: msg });
    }
  }
  for (const s of p.steps) {
    if (s.jobKey.startsWith('ami:')) continue;
    const dep = s.dependsOn.find((d) => failed.has(d));
    if (dep) {
      failed.set(s.key, failed.get(dep)!);
      steps.push({ ...s, status: 'failed', attempts: 0, errorCode: 'ImageNotDistributed', error: failed.get(dep)! });
    } else steps.push({ ...s, status: 'pending', attempts: 0 });
  }
  return { jobs: p.jobs.filter((j) => j.kind !== 'ami'), steps, planInput: { ...base, distributions } };
}

const regionsOf = (d: DistributedImage[]) => [...new Set(d.map((x) => x.region))];

/** Plans ModifyImageAttributes: launch permissions on the owner's distributed AMIs. */
export function prepareModifyImageAttributes(base: StoredPlanInput, config: Distribution[] | undefined, inputs: Record<string, unknown>): PreparedRun {
  const distributed = distributedInput(inputs);
  const given = listInput(inputs, 'attributes');
  const permissions = new Map<string, LaunchPermissionConfiguration>();
  if (given) for (const a of given) if (isMap(a.launchPermission)) permissions.set(a.region as string, a.launchPermission as LaunchPermissionConfiguration);
  if (!given)
    for (const d of config ?? [])
      if (d.amiDistributionConfiguration?.launchPermission) permissions.set(d.region, d.amiDistributionConfiguration.launchPermission);
  const distributions: Distribution[] = regionsOf(distributed)
    .filter((r) => permissions.has(r))
    .map((region) => ({ region, amiDistributionConfiguration: { launchPermission: permissions.get(region)! } }));
  return onExistingImages(base, distributions, distributed);
}

/** Plans ApplyImageConfigurations: licenses, launch templates, SSM parameters, exports, fast launch. */
export function prepareApplyImageConfigurations(base: StoredPlanInput, config: Distribution[] | undefined, inputs: Record<string, unknown>): PreparedRun {
  const distributed = distributedInput(inputs);
  const given = listInput(inputs, 'configurations') as Distribution[] | undefined;
  const source = given ?? (config ?? []).filter((d) => regionsOf(distributed).includes(d.region));
  const distributions: Distribution[] = source.map((d) => {
    const targets = [...new Set(distributed.filter((x) => x.region === d.region && x.accountId !== base.ownerAccountId).map((x) => x.accountId))];
    return {
      region: d.region,
      amiDistributionConfiguration: { targetAccountIds: targets },
      ...(d.licenseConfigurationArns ? { licenseConfigurationArns: d.licenseConfigurationArns } : {}),
      ...(d.launchTemplateConfigurations ? { launchTemplateConfigurations: d.launchTemplateConfigurations } : {}),
      ...(d.s3ExportConfiguration ? { s3ExportConfiguration: d.s3ExportConfiguration } : {}),
      ...(d.fastLaunchConfigurations ? { fastLaunchConfigurations: d.fastLaunchConfigurations } : {}),
      ...(d.ssmParameterConfigurations ? { ssmParameterConfigurations: d.ssmParameterConfigurations } : {}),
    };
  });
  return onExistingImages(base, distributions, distributed);
}

/** Plans DistributeContainerImage: the configuration's container distributions. */
export function prepareDistributeContainerImage(base: StoredPlanInput, config: Distribution[] | undefined): PreparedRun {
  const distributions = (config ?? []).filter((d) => d.containerDistributionConfiguration);
  const p = plan(base, distributions);
  return { jobs: p.jobs, steps: p.steps.map((s) => ({ ...s, status: 'pending', attempts: 0 })), planInput: { ...base, distributions } };
}

// ------------------------------------------------------------------ outputs

const STATUS = { COMPLETED: 'Completed', FAILED: 'Failed', CANCELLED: 'Cancelled', RUNNING: 'InProgress', PENDING: 'InProgress', SKIPPED: 'Failed' } as const;

function entry(v: JobView, amiOf: (region: string, account: string) => { amiId?: string; name?: string }, running: string): DistributedImage {
  const ami = amiOf(v.job.region, v.job.accountId);
  return {
    region: v.job.region,
    accountId: v.job.accountId,
    ...(ami.name ? { name: ami.name } : {}),
    ...(ami.amiId ? { amiId: ami.amiId } : {}),
    ...(v.startTime ? { dateStarted: v.startTime } : {}),
    ...(v.endTime ? { dateStopped: v.endTime } : {}),
    status: STATUS[v.status],
    step: v.status === 'COMPLETED' ? 'Completed' : running,
    ...(v.error ? { errorMessage: v.error } : {}),
  };
}

/** The step's outputs and, when it failed, the reason, from its run's final steps. */
export function runOutcome(
  action: string,
  run: { jobs: PlannedJob[]; planInput: unknown },
  status: RunStatus,
  steps: StepRecord[],
): { outputs: Record<string, unknown>; error?: string } {
  const views = jobViews(run.jobs, steps);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const amiOf = (region: string, account: string) => {
    const s = byKey.get(imageStepKey(region, account));
    const out = imageOutput(s);
    const copy = byKey.get(stepKeys.copyImage(region, account));
    const name = out?.name ?? (copy?.kind === 'copyImage' ? copy.input.name : undefined);
    return { ...(out ? { amiId: out.imageId } : {}), ...(name ? { name } : {}) };
  };
  const owner = (run.planInput as StoredPlanInput).ownerAccountId;
  const error = status === 'failed' ? (failureReason(views, owner) ?? 'The step did not complete.') : undefined;
  let outputs: Record<string, unknown>;
  if (action === 'DistributeImage') outputs = { distributedImages: views.map((v) => entry(v, amiOf, 'CopyAmiRunning')) };
  else if (action === 'ModifyImageAttributes') outputs = { modifiedImages: views.map((v) => entry(v, amiOf, 'ModifyAmiRunning')) };
  else if (action === 'ApplyImageConfigurations') {
    const running: Record<string, string> = {
      license: 'AssociateLicensesRunning',
      launchTemplate: 'UpdateLaunchTemplateRunning',
      ssmParameter: 'PutSsmParametersRunning',
      s3Export: 'ExportAmiRunning',
      fastLaunch: 'UpdateFastLaunchConfiguration',
    };
    outputs = { configuredImages: views.map((v) => entry(v, amiOf, running[v.job.kind] ?? 'InProgress')) };
  } else {
    outputs = {
      status: status === 'succeeded' ? 'Completed' : status === 'cancelled' ? 'Cancelled' : 'Failed',
      succeededRegions: views.filter((v) => v.status === 'COMPLETED').map((v) => v.job.region),
      failedRegions: views.filter((v) => v.status === 'FAILED').map((v) => v.job.region),
    };
  }
  return { outputs, ...(error ? { error } : {}) };
}
