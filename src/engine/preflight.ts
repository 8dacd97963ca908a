// The preflight: evaluates a plan against the cloud without changing it and says, per job,
// whether it would succeed and why not (missing or untrusting role, disabled Region, duplicate
// AMI name, unknown KMS key, launch template, bucket or repository, block public access), plus
// warnings about outcomes AWS allows but users rarely want. Besides describe calls it makes each
// step's EC2 call with `DryRun` where EC2 has it (CopyImage, ModifyImageAttribute,
// CreateLaunchTemplateVersion, ModifyLaunchTemplate, ExportImage, EnableFastLaunch), acting as the
// step's account as the runner does, so permission and request errors show before the run.
import { CloudError, dryRunCheck, type CloudPorts, type CloudScope, type Ec2Image } from '../cloud/ports.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import type { LaunchPermissionConfiguration } from '../model/generated/types.js';
import { CROSS_ACCOUNT_ROLE, planDistribution, type Plan, type PlanInput, type PlannedJob, type PlannedStep } from './plan.js';
import { tagList } from './steps/context.js';
import { enableFastLaunchInput } from './steps/fastLaunch.js';

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
  // Acts as each step's account exactly as the runner does — the same role and session name, so
  // that a role policy conditioned on the session treats dry runs like the real calls.
  const as = (accountId: string, region: string): Promise<CloudScope> => {
    if (accountId === owner.accountId) return Promise.resolve({ accountId, region });
    const k = `${accountId}|${region}`;
    let p = roles.get(k);
    if (!p) {
      p = cloud.sts
        .assumeRole({ accountId: owner.accountId, region }, { roleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${CROSS_ACCOUNT_ROLE}`, roleSessionName: 'EC2ImageBuilderDistribution', region })
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
  const standIns = new StandIns(cloud, input);
  const jobs: PreflightJob[] = [];
  for (const job of plan.jobs) {
    const steps = plan.steps.filter((s) => s.jobKey === job.key);
    const warnings: string[] = [];
    let cause: PreflightJob['cause'];
    try {
      await checkJob({ cloud, owner, as, plan, input, sourceEncrypted, standIns }, job, steps, warnings);
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

interface Check {
  cloud: CloudPorts;
  owner: Scope;
  as: (accountId: string, region: string) => Promise<CloudScope>;
  plan: Plan;
  input: PlanInput;
  sourceEncrypted: boolean;
  standIns: StandIns;
}

/**
 * AMIs to dry-run against in place of those the run will make. Steps after a copy act on an AMI
 * that does not exist yet (the owner's AMI in the Region, a target's copy); their dry runs use
 * the source AMI where it is what the step would act on or can stand in for it (same Region, right
 * owner), else an available AMI the account owns in that Region. Either way the dry run checks
 * the caller's permission, the Region and everything in the request that is not the AMI itself.
 * When the account has no AMI there, the dry run is left out and the describe checks remain.
 */
class StandIns {
  private readonly ownedLists = new Map<string, Promise<Ec2Image[]>>();

  constructor(
    private readonly cloud: CloudPorts,
    private readonly input: PlanInput,
  ) {}

  /** An available AMI `scope`'s account owns in its Region (the source when it qualifies). */
  async owned(scope: CloudScope, opts: { windows?: boolean; unencrypted?: boolean } = {}): Promise<string | undefined> {
    const src = this.input.source;
    if (src.kind === 'ami' && src.accountId === scope.accountId && src.region === scope.region && (!opts.windows || src.platform === 'Windows')) {
      if (!opts.unencrypted) return src.imageId;
    }
    const k = `${scope.accountId}|${scope.region}`;
    let p = this.ownedLists.get(k);
    if (!p) {
      p = this.cloud.ec2
        .describeImages(scope, { owners: ['self'], filters: [{ name: 'state', values: ['available'] }] })
        .then((r) => r.images)
        .catch(() => []);
      this.ownedLists.set(k, p);
    }
    const found = (await p).find(
      (i) => i.state === 'available' && (!opts.windows || i.platform === 'windows') && (!opts.unencrypted || i.blockDeviceMappings.every((b) => !b.ebs.encrypted)),
    );
    return found?.imageId;
  }

  /**
   * An AMI `scope`'s account may copy from its Region: the source itself when it is there and the
   * account can already see it, else an unencrypted AMI of its own (a copy from its own AMI needs
   * no launch permission and no other account's key).
   */
  async copyable(scope: CloudScope): Promise<string | undefined> {
    const src = this.input.source;
    if (src.kind === 'ami' && src.region === scope.region) {
      const seen = await this.cloud.ec2.describeImages(scope, { imageIds: [src.imageId] }).then(
        (r) => r.images.length > 0,
        () => false,
      );
      if (seen) return src.imageId;
    }
    return this.owned(scope, { unencrypted: true });
  }
}

async function checkJob(c: Check, job: PlannedJob, steps: PlannedStep[], warnings: string[]): Promise<void> {
  const { cloud, owner, as, input } = c;
  const scope = await as(job.accountId, job.region);
  const planError = steps.map((s) => s.input.planError).find((e): e is string => typeof e === 'string');
  if (planError) throw new CloudError('ec2', 'InvalidParameter', planError, false);
  const ec2 = cloud.ec2;
  switch (job.kind) {
    case 'ami': {
      const copy = steps.find((s) => s.kind === 'copyImage');
      // Any call in a Region the account has not enabled fails with OptInRequired.
      await ec2.getImageBlockPublicAccessState(scope);
      if (!copy) return;
      const i = copy.input;
      const name = i.name as string;
      const clash = (await ec2.describeImages(scope, { owners: ['self'], filters: [{ name: 'name', values: [name] }] })).images[0];
      if (clash) throw new CloudError('ec2', 'InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${clash.imageId}`, false);
      const key = i.kmsKeyId as string | undefined;
      if (key) await cloud.kms.describeKey(scope, { keyId: key });
      else if (c.sourceEncrypted && job.accountId !== owner.accountId) {
        warnings.push(`The source AMI is encrypted and no kmsKeyId is configured: account ${job.accountId} must be able to use the source key.`);
      }
      // grantLaunch: the owner lets the target launch the owner's AMI in the Region (a stand-in
      // until that AMI exists).
      const grant = steps.find((s) => s.kind === 'grantLaunch');
      if (grant) {
        const ownerScope = await as(grant.accountId, grant.region);
        const imageId = await c.standIns.owned(ownerScope);
        if (imageId) {
          await dryRunCheck('ec2', 'ModifyImageAttribute', ec2.modifyImageAttribute(ownerScope, { imageId, launchPermission: { add: [{ userId: grant.input.userId as string }] }, dryRun: true }));
        }
      }
      // copyImage: the owner copies the source itself (known); a target copies the owner's AMI
      // in the Region, which does not exist yet, so a stand-in the target can copy takes its place.
      const sourceImageId = i.sourceImageId !== undefined ? (i.sourceImageId as string) : await c.standIns.copyable(scope);
      if (sourceImageId) {
        await dryRunCheck(
          'ec2',
          'CopyImage',
          ec2.copyImage(scope, {
            sourceImageId,
            sourceRegion: i.sourceRegion as string,
            name,
            ...(i.description !== undefined ? { description: i.description as string } : {}),
            ...(i.encrypted !== undefined ? { encrypted: i.encrypted as boolean } : {}),
            ...(key !== undefined ? { kmsKeyId: key } : {}),
            tagSpecifications: [{ resourceType: 'image', tags: tagList(i.tags) }],
            dryRun: true,
          }),
        );
      }
      return;
    }
    case 'launchPermission': {
      const lp = steps[0]!.input.launchPermission as LaunchPermissionConfiguration;
      if (lp.userGroups?.includes('all')) {
        const { imageBlockPublicAccessState } = await ec2.getImageBlockPublicAccessState(scope);
        if (imageBlockPublicAccessState === 'block-new-sharing') {
          throw new CloudError('ec2', 'OperationNotPermitted', "You can't publicly share this image because block public access for AMIs is enabled for this account.", false);
        }
      }
      // shareImage acts on the owner's AMI in the Region: a stand-in until it exists.
      const imageId = await c.standIns.owned(scope);
      if (imageId) {
        const add = [
          ...(lp.userIds ?? []).map((userId) => ({ userId })),
          ...(lp.userGroups ?? []).map((g) => ({ group: g as 'all' })),
          ...(lp.organizationArns ?? []).map((organizationArn) => ({ organizationArn })),
          ...(lp.organizationalUnitArns ?? []).map((organizationalUnitArn) => ({ organizationalUnitArn })),
        ];
        await dryRunCheck('ec2', 'ModifyImageAttribute', ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add }, dryRun: true }));
      }
      return;
    }
    case 'launchTemplate': {
      const step = steps[0]!;
      const id = step.input.launchTemplateId as string;
      const template = (await ec2.describeLaunchTemplates(scope, { launchTemplateIds: [id] })).launchTemplates[0];
      if (job.accountId !== owner.accountId) {
        const lp = input.distributions.find((d) => d.region === job.region)?.amiDistributionConfiguration?.launchPermission;
        const shared = lp?.userGroups?.includes('all') || lp?.userIds?.includes(job.accountId);
        if (!shared) {
          warnings.push(
            `Launch template ${id} in account ${job.accountId} will point to the source account's AMI, which account ${job.accountId} cannot launch unless launchPermission shares it (AWS writes the source AMI id into target templates).`,
          );
        }
      }
      // The new version will name the owner's AMI in the Region, which does not exist yet; the
      // source AMI's id stands in (EC2 checks the id's form when adding a version, not the AMI).
      // The new default version does not exist either: the template's latest version stands in.
      const imageId = input.source.kind === 'ami' ? input.source.imageId : undefined;
      await dryRunCheck('ec2', 'CreateLaunchTemplateVersion', ec2.createLaunchTemplateVersion(scope, { launchTemplateId: id, launchTemplateData: imageId ? { imageId } : {}, dryRun: true }));
      if (step.input.setDefaultVersion !== false && template) {
        await dryRunCheck('ec2', 'ModifyLaunchTemplate', ec2.modifyLaunchTemplate(scope, { launchTemplateId: id, defaultVersion: String(template.latestVersionNumber), dryRun: true }));
      }
      return;
    }
    case 'ssmParameter': {
      // PutParameter has no DryRun and SSM has no read gated like it: the role's permission
      // cannot be checked without writing the parameter.
      if (job.accountId !== owner.accountId) {
        warnings.push(
          `SSM PutParameter has no DryRun: the preflight cannot check that ${CROSS_ACCOUNT_ROLE} in account ${job.accountId} allows ssm:PutParameter on ${steps[0]!.input.parameterName as string} in ${job.region}.`,
        );
      }
      return;
    }
    case 's3Export': {
      const i = steps.find((s) => s.kind === 'exportImage')!.input;
      await cloud.s3.headBucket(scope, { bucket: i.s3Bucket as string });
      // ExportImage acts on the owner's AMI in the Region: a stand-in until it exists.
      const imageId = await c.standIns.owned(scope);
      if (imageId) {
        await dryRunCheck(
          'ec2',
          'ExportImage',
          ec2.exportImage(scope, {
            imageId,
            diskImageFormat: i.diskImageFormat as 'VMDK' | 'RAW' | 'VHD',
            s3ExportLocation: { s3Bucket: i.s3Bucket as string, ...(i.s3Prefix !== undefined ? { s3Prefix: i.s3Prefix as string } : {}) },
            ...(i.roleName !== undefined ? { roleName: i.roleName as string } : {}),
            dryRun: true,
          }),
        );
      }
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
      // EnableFastLaunch acts on the account's AMI in the Region: a Windows stand-in until it exists.
      const imageId = await c.standIns.owned(scope, { windows: true });
      if (imageId) {
        await dryRunCheck(
          'ec2',
          'EnableFastLaunch',
          ec2.enableFastLaunch(scope, {
            ...enableFastLaunchInput(imageId, steps[0]!.input),
            dryRun: true,
          }),
        );
      }
      return;
    }
    default:
      // License configurations: License Manager has no DryRun; the role (checked above) is what usually fails.
      void c.plan;
      return;
  }
}
