// The preflight: evaluates a plan against the cloud without changing it and says, per job,
// whether it would succeed and why not (missing or untrusting role, disabled Region, duplicate
// AMI name, unknown KMS key, launch template, bucket or repository, block public access), plus
// warnings about outcomes AWS allows but users rarely want. It acts as each job's account as the
// runner does, then asks each of the job's steps for its check (steps/*.ts): describe calls and
// the step's own EC2 request with `DryRun` where EC2 has it (CopyImage, ModifyImageAttribute,
// CreateLaunchTemplateVersion, ModifyLaunchTemplate, ExportImage, EnableFastLaunch), so
// permission and request errors show before the run.
import { CloudError, type CloudPorts } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import { planDistribution, type Plan, type PlanInput, type PlannedJob } from './plan.js';
import { StandIns } from './preflight-stand-ins.js';
import { DistributionRoles } from './roles.js';
import type { CheckContext, StepDefinition, StepDefinitions } from './steps/contract.js';
import { stepDefinitions } from './steps/index.js';
import type { PlannedStep, StepKind } from './step-inputs.js';

/** One job's predicted outcome. */
export interface PreflightJob {
  key: string;
  kind: PlannedJob['kind'];
  region: string;
  accountId: string;
  title: string;
  /** AMI jobs: where the account came from — `owner`, `targetAccountIds` or an OU ARN. */
  origin?: string;
  outcome: 'ok' | 'fail';
  /** Why it would fail: the AWS error code and message the run would meet. */
  cause?: { code: string; message: string };
  warnings: string[];
  /** The step keys the run would execute for this job. */
  steps: string[];
}

export interface PreflightReport {
  imageName: string;
  sourceImageId: string;
  jobs: PreflightJob[];
  summary: { jobs: number; ok: number; fail: number; warnings: number };
}

/** Plans and evaluates a distribution without changing anything. */
export async function preflight(cloud: CloudPorts, owner: Scope, input: PlanInput): Promise<PreflightReport> {
  const plan = planDistribution(input);
  const src = input.source;
  let sourceEncrypted = false;
  if (src.kind === 'ami') {
    try {
      const img = (await cloud.ec2.describeImages({ accountId: owner.accountId, region: src.region }, { imageIds: [src.imageId] })).images[0];
      sourceEncrypted = img?.blockDeviceMappings.some((b) => b.ebs.encrypted) ?? false;
    } catch {
      // The run reports an unreadable source itself.
    }
  }
  const jobs = await checkPlan({ cloud, owner, input, sourceEncrypted }, plan);
  const fail = jobs.filter((j) => j.outcome === 'fail').length;
  return {
    imageName: input.imageName,
    sourceImageId: src.kind === 'ami' ? src.imageId : src.imageDigest,
    jobs,
    summary: { jobs: jobs.length, ok: jobs.length - fail, fail, warnings: jobs.reduce((n, j) => n + j.warnings.length, 0) },
  };
}

/** What checking a plan needs besides the plan. */
export interface PlanCheckInput {
  cloud: CloudPorts;
  owner: Scope;
  input: PlanInput;
  sourceEncrypted: boolean;
}

/**
 * Each job's predicted outcome: the job's account is acted as (the role is the first thing a run
 * needs), a step the plan already knows cannot run fails it, then every step's own check runs in
 * plan order. `definitions` is the engine's step table; tests pass one with a fake kind.
 */
export async function checkPlan(c: PlanCheckInput, plan: Plan, definitions: StepDefinitions = stepDefinitions): Promise<PreflightJob[]> {
  const roles = new DistributionRoles(c.cloud, c.owner.accountId);
  const as = (accountId: string, region: string) => roles.as(accountId, region);
  const standIns = new StandIns(c.cloud, c.input);
  const byJob = new Map<string, PlannedStep[]>();
  for (const s of plan.steps) {
    const list = byJob.get(s.jobKey) ?? [];
    list.push(s);
    byJob.set(s.jobKey, list);
  }
  const out: PreflightJob[] = [];
  for (const job of plan.jobs) {
    const steps = byJob.get(job.key) ?? [];
    const warnings: string[] = [];
    let cause: PreflightJob['cause'];
    try {
      await as(job.accountId, job.region);
      const planError = steps.map((s) => ('planError' in s.input ? s.input.planError : undefined)).find((e): e is string => typeof e === 'string');
      if (planError) throw new CloudError('ec2', 'InvalidParameter', planError, false);
      const cx: CheckContext = {
        cloud: c.cloud,
        owner: c.owner,
        as,
        input: c.input,
        job,
        sourceEncrypted: c.sourceEncrypted,
        standIns,
        warn: (m) => warnings.push(m),
      };
      for (const step of steps) await checkStep(definitions, step, cx);
    } catch (e) {
      cause = e instanceof CloudError ? { code: e.code, message: e.message } : { code: 'InternalError', message: String((e as Error)?.message ?? e) };
    }
    out.push(jobReport(job, steps, warnings, cause));
  }
  return out;
}

/** Calls the check of the step's own kind (the one place the union meets the table). */
function checkStep<K extends StepKind>(definitions: StepDefinitions, step: PlannedStep & { kind: K }, cx: CheckContext): Promise<void> {
  const def = definitions[step.kind] as StepDefinition<K>;
  return def.check(step as Parameters<StepDefinition<K>['check']>[0], cx);
}

function jobReport(job: PlannedJob, steps: PlannedStep[], warnings: string[], cause: PreflightJob['cause']): PreflightJob {
  return {
    key: job.key,
    kind: job.kind,
    region: job.region,
    accountId: job.accountId,
    title: job.title,
    ...(job.origin ? { origin: job.origin } : {}),
    outcome: cause ? 'fail' : 'ok',
    ...(cause ? { cause } : {}),
    warnings,
    steps: steps.map((s) => s.key),
  };
}
