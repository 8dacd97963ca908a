// The preflight: evaluates a plan against the cloud with read-only calls and says, per job,
// whether it would succeed and why not (missing or untrusting role, disabled Region, duplicate
// AMI name, unknown KMS key, launch template, bucket or repository, block public access), plus
// warnings about outcomes AWS allows but users rarely want.
import { CloudError, type CloudPorts, type CloudScope } from '../cloud/ports.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import type { LaunchPermissionConfiguration } from '../model/generated/types.js';
import { CROSS_ACCOUNT_ROLE, planDistribution, type Plan, type PlanInput, type PlannedJob, type PlannedStep } from './plan.js';

/** One job's predicted outcome. */
export interface PreflightJob {
  key: string;
  kind: PlannedJob['kind'];
  region: string;
  accountId: string;
  title: string;
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
  const roles = new Map<string, Promise<CloudScope>>();
  const as = (accountId: string, region: string): Promise<CloudScope> => {
    if (accountId === owner.accountId) return Promise.resolve({ accountId, region });
    const k = `${accountId}|${region}`;
    let p = roles.get(k);
    if (!p) {
      p = cloud.sts
        .assumeRole({ accountId: owner.accountId, region }, { roleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${CROSS_ACCOUNT_ROLE}`, roleSessionName: 'ibex-preflight', region })
        .then((r) => r.scope);
      roles.set(k, p);
    }
    return p;
  };
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
  const jobs: PreflightJob[] = [];
  for (const job of plan.jobs) {
    const steps = plan.steps.filter((s) => s.jobKey === job.key);
    const warnings: string[] = [];
    let cause: PreflightJob['cause'];
    try {
      await checkJob(cloud, owner, as, job, steps, plan, input, warnings, sourceEncrypted);
    } catch (e) {
      cause = e instanceof CloudError ? { code: e.code, message: e.message } : { code: 'InternalError', message: String((e as Error)?.message ?? e) };
    }
    jobs.push({ key: job.key, kind: job.kind, region: job.region, accountId: job.accountId, title: job.title, outcome: cause ? 'fail' : 'ok', ...(cause ? { cause } : {}), warnings, steps: steps.map((s) => s.key) });
  }
  const fail = jobs.filter((j) => j.outcome === 'fail').length;
  return {
    imageName: input.imageName,
    sourceImageId: src.kind === 'ami' ? src.imageId : src.imageDigest,
    jobs,
    summary: { jobs: jobs.length, ok: jobs.length - fail, fail, warnings: jobs.reduce((n, j) => n + j.warnings.length, 0) },
  };
}

async function checkJob(
  cloud: CloudPorts,
  owner: Scope,
  as: (a: string, r: string) => Promise<CloudScope>,
  job: PlannedJob,
  steps: PlannedStep[],
  plan: Plan,
  input: PlanInput,
  warnings: string[],
  sourceEncrypted: boolean,
): Promise<void> {
  const scope = await as(job.accountId, job.region);
  const planError = steps.map((s) => s.input.planError).find((e): e is string => typeof e === 'string');
  if (planError) throw new CloudError('ec2', 'InvalidParameter', planError, false);
  switch (job.kind) {
    case 'ami': {
      const copy = steps.find((s) => s.kind === 'copyImage');
      // Any call in a Region the account has not enabled fails with OptInRequired.
      await cloud.ec2.getImageBlockPublicAccessState(scope);
      if (!copy) return;
      const name = copy.input.name as string;
      const clash = (await cloud.ec2.describeImages(scope, { owners: ['self'], filters: [{ name: 'name', values: [name] }] })).images[0];
      if (clash) throw new CloudError('ec2', 'InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${clash.imageId}`, false);
      const key = copy.input.kmsKeyId as string | undefined;
      if (key) await cloud.kms.describeKey(scope, { keyId: key });
      else if (sourceEncrypted && job.accountId !== owner.accountId) {
        warnings.push(`The source AMI is encrypted and no kmsKeyId is configured: account ${job.accountId} must be able to use the source key.`);
      }
      return;
    }
    case 'launchPermission': {
      const lp = steps[0]!.input.launchPermission as LaunchPermissionConfiguration;
      if (lp.userGroups?.includes('all')) {
        const { imageBlockPublicAccessState } = await cloud.ec2.getImageBlockPublicAccessState(scope);
        if (imageBlockPublicAccessState === 'block-new-sharing') {
          throw new CloudError('ec2', 'InvalidParameter', "You can't publicly share this image because block public access for AMIs is enabled for this account.", false);
        }
      }
      return;
    }
    case 'launchTemplate': {
      const id = steps[0]!.input.launchTemplateId as string;
      await cloud.ec2.describeLaunchTemplates(scope, { launchTemplateIds: [id] });
      if (job.accountId !== owner.accountId) {
        const lp = input.distributions.find((d) => d.region === job.region)?.amiDistributionConfiguration?.launchPermission;
        const shared = lp?.userGroups?.includes('all') || lp?.userIds?.includes(job.accountId);
        if (!shared) {
          warnings.push(
            `Launch template ${id} in account ${job.accountId} will point to the source account's AMI, which account ${job.accountId} cannot launch unless launchPermission shares it (AWS writes the source AMI id into target templates).`,
          );
        }
      }
      return;
    }
    case 's3Export': {
      await cloud.s3.headBucket(scope, { bucket: steps[0]!.input.s3Bucket as string });
      return;
    }
    case 'container': {
      await cloud.ecr.describeRepositories(scope, { repositoryNames: [steps[0]!.input.repositoryName as string] });
      return;
    }
    case 'fastLaunch': {
      if (input.source.kind === 'ami' && input.source.platform !== 'Windows') {
        throw new CloudError('ec2', 'InvalidParameter', `Fast launch is only supported for Windows AMIs; ${input.source.imageId} is ${input.source.platform}.`, false);
      }
      return;
    }
    default:
      // SSM parameters and license configurations: the role (checked above) is what usually fails.
      void plan;
      return;
  }
}
