// The plan: a pure function from (snapshot of the distribution configuration, source image, build
// date and version) to jobs and steps with stable keys. The same plan drives the preflight, the
// run, the progress view and RetryImage, so nothing here reads the world or the clock.
import type { Distribution } from '../model/generated/types.js';
import type { PlannedStep } from './step-inputs.js';
import { imageStepKey, jobKeys, stepKeys } from './step-keys.js';
import { defaultAmiName, expandTemplates, type TemplateValues } from './templates.js';

/** An AMI to distribute. */
export interface SourceAmi {
  kind: 'ami';
  accountId: string;
  region: string;
  imageId: string;
  name: string;
  platform: 'Linux' | 'Windows';
}

/** A container image (in the owner's ECR repository) to distribute. */
export interface SourceContainer {
  kind: 'container';
  accountId: string;
  region: string;
  repositoryName: string;
  imageDigest: string;
  imageManifest: string;
}

export interface PlanInput {
  ownerAccountId: string;
  imageArn: string;
  /** Used for default AMI names. */
  imageName: string;
  source: SourceAmi | SourceContainer;
  distributions: Distribution[];
  template: TemplateValues;
  /** Description for the build-Region AMI when the configuration gives none (the recipe's). */
  buildRegionDescription?: string;
  /**
   * Accounts found, before planning, in the OUs of the settings' `ibex:copyToOrganizationalUnits`
   * tag (src/beyond/ou-targets.ts): each Region with an AMI distribution copies to them too.
   */
  ouTargets?: OuTarget[];
}

/** An account an OU-following tag adds as a copy target, and the OU it was found in. */
export interface OuTarget {
  accountId: string;
  ouArn: string;
}

export type JobKind = 'ami' | 'launchPermission' | 'license' | 'launchTemplate' | 'ssmParameter' | 's3Export' | 'fastLaunch' | 'container';
/** One independent distribution job: it succeeds or fails as a whole. */
export interface PlannedJob {
  key: string;
  kind: JobKind;
  region: string;
  /** The account that receives the output. */
  accountId: string;
  /** What the job does, for people. */
  title: string;
  /** AMI jobs: where the account came from — `owner`, `targetAccountIds` or an OU ARN. */
  origin?: string;
}

export interface Plan {
  jobs: PlannedJob[];
  steps: PlannedStep[];
}

function needsAmi(d: Distribution): boolean {
  return (
    d.amiDistributionConfiguration !== undefined ||
    (d.launchTemplateConfigurations?.length ?? 0) > 0 ||
    (d.ssmParameterConfigurations?.length ?? 0) > 0 ||
    d.s3ExportConfiguration !== undefined ||
    (d.fastLaunchConfigurations?.some((f) => f.enabled) ?? false) ||
    (d.licenseConfigurationArns?.length ?? 0) > 0
  );
}

/** Plans the distribution of one source image with one configuration snapshot. */
export function planDistribution(p: PlanInput): Plan {
  const jobs: PlannedJob[] = [];
  const steps: PlannedStep[] = [];
  const owner = p.ownerAccountId;
  const tags = (extra: Record<string, string> | undefined) => ({
    ...Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [k, expandTemplates(v, p.template)])),
    CreatedBy: 'EC2 Image Builder',
    Ec2ImageBuilderArn: p.imageArn,
  });

  for (const d of p.distributions) {
    const r = d.region;
    const ami = d.amiDistributionConfiguration;
    const amiAccounts = new Set<string>();
    if (p.source.kind === 'ami' && needsAmi(d)) {
      const src = p.source;
      const name = ami?.name !== undefined ? expandTemplates(ami.name, p.template) : defaultAmiName(p.imageName, p.template.buildDate);
      const description =
        ami?.description !== undefined ? expandTemplates(ami.description, p.template) : r === src.region ? p.buildRegionDescription : undefined;
      const amiTags = tags(ami?.amiTags);
      const kmsKeyId = ami?.kmsKeyId;
      const origins = new Map<string, string>([[owner, 'owner']]);
      for (const a of ami?.targetAccountIds ?? []) if (!origins.has(a)) origins.set(a, 'targetAccountIds');
      if (ami !== undefined) for (const t of p.ouTargets ?? []) if (!origins.has(t.accountId)) origins.set(t.accountId, t.ouArn);
      for (const [acct, origin] of origins) {
        amiAccounts.add(acct);
        const jobKey = jobKeys.ami(r, acct);
        const imageKey = imageStepKey(r, acct);
        jobs.push({
          key: jobKey,
          kind: 'ami',
          region: r,
          accountId: acct,
          title: acct === owner ? `AMI in ${r}` : `AMI copy for account ${acct} in ${r}`,
          origin,
        });
        // The source account's own AMI in its own Region is reused when nothing about it changes:
        // EC2 cannot rename or re-encrypt an AMI, so anything else needs a copy.
        if (acct === owner && r === src.region && src.accountId === owner && name === src.name && kmsKeyId === undefined) {
          steps.push({ key: imageKey, jobKey, kind: 'tagImage', accountId: owner, region: r, dependsOn: [], input: { imageId: src.imageId, tags: amiTags } });
          continue;
        }
        const deps: string[] = [];
        const fromOwner = acct !== owner;
        if (fromOwner) {
          // A target account copies the owner's AMI in this Region (the owner can share that one;
          // the source may belong to Amazon), after the owner lets it launch that AMI.
          const grantKey = stepKeys.grantLaunch(r, acct);
          const ownerImage = imageStepKey(r, owner);
          steps.push({
            key: grantKey,
            jobKey,
            kind: 'grantLaunch',
            accountId: owner,
            region: r,
            dependsOn: [ownerImage],
            input: { imageStep: ownerImage, userId: acct },
          });
          deps.push(grantKey);
        }
        const copyKey = stepKeys.copyImage(r, acct);
        steps.push({
          key: copyKey,
          jobKey,
          kind: 'copyImage',
          accountId: acct,
          region: r,
          dependsOn: deps,
          input: {
            ...(fromOwner ? { sourceImageStep: imageStepKey(r, owner), sourceRegion: r } : { sourceImageId: src.imageId, sourceRegion: src.region }),
            name,
            ...(description !== undefined ? { description } : {}),
            ...(kmsKeyId !== undefined ? { kmsKeyId, encrypted: true } : {}),
            tags: amiTags,
          },
        });
        steps.push({ key: imageKey, jobKey, kind: 'waitImage', accountId: acct, region: r, dependsOn: [copyKey], input: { copyStep: copyKey } });
      }

      const ownerImage = imageStepKey(r, owner);
      const lp = ami?.launchPermission;
      if (lp && (lp.userIds?.length ?? 0) + (lp.userGroups?.length ?? 0) + (lp.organizationArns?.length ?? 0) + (lp.organizationalUnitArns?.length ?? 0) > 0) {
        const jobKey = jobKeys.launchPermission(r);
        jobs.push({ key: jobKey, kind: 'launchPermission', region: r, accountId: owner, title: `launch permissions in ${r}` });
        steps.push({
          key: stepKeys.shareImage(r),
          jobKey,
          kind: 'shareImage',
          accountId: owner,
          region: r,
          dependsOn: [ownerImage],
          input: { imageStep: ownerImage, launchPermission: lp },
        });
      }
      const licenseArns = d.licenseConfigurationArns ?? [];
      if (licenseArns.length > 0) {
        const jobKey = jobKeys.license(r);
        jobs.push({ key: jobKey, kind: 'license', region: r, accountId: owner, title: `license configurations in ${r}` });
        steps.push({
          key: stepKeys.licenseImage(r),
          jobKey,
          kind: 'licenseImage',
          accountId: owner,
          region: r,
          dependsOn: [ownerImage],
          input: { imageStep: ownerImage, licenseConfigurationArns: licenseArns },
        });
      }
      for (const lt of d.launchTemplateConfigurations ?? []) {
        const acct = lt.accountId ?? owner;
        const key = jobKeys.launchTemplate(r, acct, lt.launchTemplateId);
        jobs.push({ key, kind: 'launchTemplate', region: r, accountId: acct, title: `launch template ${lt.launchTemplateId} of account ${acct} in ${r}` });
        // AWS puts the source account's AMI id in every launch template, also in target accounts (facts §1.6).
        steps.push({
          key,
          jobKey: key,
          kind: 'launchTemplate',
          accountId: acct,
          region: r,
          dependsOn: [ownerImage],
          input: { imageStep: ownerImage, launchTemplateId: lt.launchTemplateId, setDefaultVersion: lt.setDefaultVersion ?? true },
        });
      }
      for (const sp of d.ssmParameterConfigurations ?? []) {
        const acct = sp.amiAccountId ?? owner;
        const key = jobKeys.ssmParameter(r, acct, sp.parameterName);
        jobs.push({ key, kind: 'ssmParameter', region: r, accountId: acct, title: `SSM parameter ${sp.parameterName} of account ${acct} in ${r}` });
        const dep = imageStepKey(r, acct);
        steps.push({
          key,
          jobKey: key,
          kind: 'ssmParameter',
          accountId: acct,
          region: r,
          dependsOn: amiAccounts.has(acct) ? [dep] : [],
          input: {
            imageStep: dep,
            parameterName: sp.parameterName,
            ...(sp.dataType ? { dataType: sp.dataType } : {}),
            ...(amiAccounts.has(acct)
              ? {}
              : { planError: `Account ${acct} receives no AMI in ${r}: it is neither the source account nor one of targetAccountIds.` }),
          },
        });
      }
      if (d.s3ExportConfiguration) {
        const jobKey = jobKeys.s3Export(r);
        const e = d.s3ExportConfiguration;
        jobs.push({ key: jobKey, kind: 's3Export', region: r, accountId: owner, title: `S3 export to s3://${e.s3Bucket}/${e.s3Prefix ?? ''} in ${r}` });
        const exportKey = stepKeys.exportImage(r);
        steps.push({
          key: exportKey,
          jobKey,
          kind: 'exportImage',
          accountId: owner,
          region: r,
          dependsOn: [ownerImage],
          input: { imageStep: ownerImage, ...e },
        });
        steps.push({
          key: stepKeys.waitExport(r),
          jobKey,
          kind: 'waitExport',
          accountId: owner,
          region: r,
          dependsOn: [exportKey],
          input: { exportStep: exportKey },
        });
      }
      for (const f of d.fastLaunchConfigurations ?? []) {
        if (!f.enabled) continue; // enabled:false means take no fast-launch action
        const acct = f.accountId ?? owner;
        const key = jobKeys.fastLaunch(r, acct);
        jobs.push({ key, kind: 'fastLaunch', region: r, accountId: acct, title: `fast launch for account ${acct} in ${r}` });
        const dep = imageStepKey(r, acct);
        steps.push({
          key,
          jobKey: key,
          kind: 'fastLaunch',
          accountId: acct,
          region: r,
          dependsOn: amiAccounts.has(acct) ? [dep] : [],
          input: {
            imageStep: dep,
            ...(f.maxParallelLaunches !== undefined ? { maxParallelLaunches: f.maxParallelLaunches } : {}),
            ...(f.snapshotConfiguration ? { snapshotConfiguration: f.snapshotConfiguration } : {}),
            ...(f.launchTemplate ? { launchTemplate: f.launchTemplate } : {}),
            ...(amiAccounts.has(acct)
              ? {}
              : { planError: `Account ${acct} receives no AMI in ${r}: it is neither the source account nor one of targetAccountIds.` }),
          },
        });
      }
    }
    if (p.source.kind === 'container' && d.containerDistributionConfiguration) {
      const c = d.containerDistributionConfiguration;
      const key = jobKeys.container(r);
      jobs.push({
        key,
        kind: 'container',
        region: r,
        accountId: owner,
        title: `container image to ECR repository ${c.targetRepository.repositoryName} in ${r}`,
      });
      steps.push({
        key,
        jobKey: key,
        kind: 'pushContainer',
        accountId: owner,
        region: r,
        dependsOn: [],
        input: {
          repositoryName: c.targetRepository.repositoryName,
          containerTags: c.containerTags ?? [],
          imageManifest: p.source.imageManifest,
          imageDigest: p.source.imageDigest,
        },
      });
    }
  }
  return { jobs, steps };
}
