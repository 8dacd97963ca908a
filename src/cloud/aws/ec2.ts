// The EC2 port over the AWS SDK: AMIs, launch permissions, tags, launch templates, export to S3
// and fast launch. Member names map one-to-one (camelCase port ⇄ PascalCase API); `dryRun` is
// EC2's `DryRun`.
import {
  CopyImageCommand,
  CreateImageCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeExportImageTasksCommand,
  DescribeFastLaunchImagesCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  EnableFastLaunchCommand,
  ExportImageCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  ModifyLaunchTemplateCommand,
  RegisterImageCommand,
  type Image,
  type LaunchPermission as SdkLaunchPermission,
  type LaunchTemplate as SdkLaunchTemplate,
  type LaunchTemplateVersion as SdkLaunchTemplateVersion,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import {
  CloudError,
  type CloudScope,
  type Ec2Image,
  type Ec2Port,
  type Ec2LifecyclePort,
  type ExportImageTask,
  type FastLaunchState,
  type ImageState,
  type LaunchPermission,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type Tag,
} from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

/** Tag on export tasks that records the disk image format. */
const FORMAT_TAG = 'ibex:diskImageFormat';

/** Bound on DescribeImages pages followed. */
const MAX_PAGES = 100;

/** The billing product code of Windows AMIs. */
export const WINDOWS_BILLING_PRODUCT = 'bp-6ba54002';

export function awsEc2(clients: AwsClients): Omit<Ec2Port, keyof Ec2LifecyclePort> {
  const ec2 = (scope: CloudScope) => clients.get('ec2', scope, (c) => new EC2Client(c));
  const send = <T>(scope: CloudScope, f: (c: EC2Client) => Promise<T>): Promise<T> => call('ec2', async () => f(await ec2(scope)));

  return {
    async describeImages(scope, input) {
      const images: Image[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await send(scope, (c) =>
          c.send(
            new DescribeImagesCommand({
              ...(input.imageIds ? { ImageIds: input.imageIds } : {}),
              ...(input.owners ? { Owners: input.owners } : {}),
              ...(input.executableUsers ? { ExecutableUsers: input.executableUsers } : {}),
              ...(input.filters ? { Filters: input.filters.map((f) => ({ Name: f.name, Values: f.values })) } : {}),
              ...(input.includeDeprecated !== undefined ? { IncludeDeprecated: input.includeDeprecated } : {}),
              ...(input.includeDisabled !== undefined ? { IncludeDisabled: input.includeDisabled } : {}),
              ...(token ? { NextToken: token } : {}),
            }),
          ),
        );
        images.push(...(out.Images ?? []));
        token = out.NextToken;
        if (!token) break;
      }
      // The port promises InvalidAMIID.NotFound for a requested id that is not visible; EC2 answers
      // an empty list instead for recently deregistered AMIs.
      const missing = (input.imageIds ?? []).filter((id) => !images.some((i) => i.ImageId === id));
      if (missing.length) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`, false);
      return { images: images.map(toImage) };
    },

    async describeImageAttribute(scope, input) {
      const out = await send(scope, (c) => c.send(new DescribeImageAttributeCommand({ ImageId: input.imageId, Attribute: 'launchPermission' })));
      return { imageId: out.ImageId ?? input.imageId, launchPermissions: (out.LaunchPermissions ?? []).map(fromPermission) };
    },

    async registerImage(scope, input) {
      // EC2 derives the platform from the snapshot's billing codes: a Windows AMI is asked for by
      // the Windows billing product (ibex's EC2 honours it; on AWS only approved sellers may pass it).
      const out = await send(scope, (c) =>
        c.send(
          new RegisterImageCommand({
            Name: input.name,
            ...(input.description !== undefined ? { Description: input.description } : {}),
            ...(input.platform === 'Windows' ? { BillingProducts: [WINDOWS_BILLING_PRODUCT] } : {}),
            ...tagSpecs(input.tagSpecifications),
          }),
        ),
      );
      return { imageId: out.ImageId! };
    },

    async createImage(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new CreateImageCommand({
            InstanceId: input.instanceId,
            Name: input.name,
            ...(input.description !== undefined ? { Description: input.description } : {}),
            ...tagSpecs(input.tagSpecifications),
          }),
        ),
      );
      return { imageId: out.ImageId! };
    },

    async copyImage(scope, input) {
      // Waiting for `available` is the engine's waitImage step (DescribeImages polling).
      const out = await send(scope, (c) =>
        c.send(
          new CopyImageCommand({
            SourceImageId: input.sourceImageId,
            SourceRegion: input.sourceRegion,
            ...dryRun(input.dryRun),
            Name: input.name,
            ...(input.description !== undefined ? { Description: input.description } : {}),
            ...(input.encrypted !== undefined ? { Encrypted: input.encrypted } : {}),
            ...(input.kmsKeyId !== undefined ? { KmsKeyId: input.kmsKeyId } : {}),
            // EC2 limits ClientToken to 64 ASCII characters; the engine's tokens are SHA-256 hex.
            ...(input.clientToken !== undefined ? { ClientToken: input.clientToken.slice(0, 64) } : {}),
            ...tagSpecs(input.tagSpecifications),
          }),
        ),
      );
      return { imageId: out.ImageId! };
    },

    async modifyImageAttribute(scope, input) {
      const lp = input.launchPermission;
      await send(scope, (c) =>
        c.send(
          new ModifyImageAttributeCommand({
            ImageId: input.imageId,
            ...dryRun(input.dryRun),
            LaunchPermission: {
              ...(lp.add?.length ? { Add: lp.add.map(toPermission) } : {}),
              ...(lp.remove?.length ? { Remove: lp.remove.map(toPermission) } : {}),
            },
          }),
        ),
      );
    },

    async createTags(scope, input) {
      await send(scope, (c) => c.send(new CreateTagsCommand({ Resources: input.resources, Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) })));
    },

    async deregisterImage(scope, input) {
      await send(scope, (c) => c.send(new DeregisterImageCommand({ ImageId: input.imageId })));
    },

    async describeLaunchTemplates(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new DescribeLaunchTemplatesCommand({
            ...(input.launchTemplateIds ? { LaunchTemplateIds: input.launchTemplateIds } : {}),
            ...(input.launchTemplateNames ? { LaunchTemplateNames: input.launchTemplateNames } : {}),
          }),
        ),
      );
      // EC2 fails for a requested id it does not have; some emulators answer an empty list.
      const missing = (input.launchTemplateIds ?? []).filter((id) => !out.LaunchTemplates?.some((t) => t.LaunchTemplateId === id));
      if (missing.length) {
        throw new CloudError('ec2', 'InvalidLaunchTemplateId.NotFound', 'At least one of the launch templates specified in the request does not exist.', false);
      }
      return { launchTemplates: (out.LaunchTemplates ?? []).map(toTemplate) };
    },

    async describeLaunchTemplateVersions(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: input.launchTemplateId, ...(input.versions ? { Versions: input.versions } : {}) }),
        ),
      );
      return { launchTemplateVersions: (out.LaunchTemplateVersions ?? []).map(toVersion) };
    },

    async createLaunchTemplateVersion(scope, input) {
      // The port copies the default version's settings; EC2 only does so when SourceVersion is given.
      const out = await send(scope, (c) =>
        c.send(
          new CreateLaunchTemplateVersionCommand({
            LaunchTemplateId: input.launchTemplateId,
            ...dryRun(input.dryRun),
            SourceVersion: input.sourceVersion ?? '$Default',
            LaunchTemplateData: { ...(input.launchTemplateData.imageId !== undefined ? { ImageId: input.launchTemplateData.imageId } : {}) },
            ...(input.clientToken !== undefined ? { ClientToken: input.clientToken.slice(0, 64) } : {}),
          }),
        ),
      );
      return { launchTemplateVersion: toVersion(out.LaunchTemplateVersion ?? {}) };
    },

    async modifyLaunchTemplate(scope, input) {
      const out = await send(scope, (c) =>
        c.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: input.launchTemplateId, DefaultVersion: input.defaultVersion, ...dryRun(input.dryRun) })),
      );
      return { launchTemplate: toTemplate(out.LaunchTemplate ?? {}) };
    },

    async exportImage(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new ExportImageCommand({
            ImageId: input.imageId,
            ...dryRun(input.dryRun),
            DiskImageFormat: input.diskImageFormat,
            S3ExportLocation: {
              S3Bucket: input.s3ExportLocation.s3Bucket,
              ...(input.s3ExportLocation.s3Prefix !== undefined ? { S3Prefix: input.s3ExportLocation.s3Prefix } : {}),
            },
            ...(input.roleName !== undefined ? { RoleName: input.roleName } : {}),
            ...(input.clientToken !== undefined ? { ClientToken: input.clientToken.slice(0, 64) } : {}),
            // DescribeExportImageTasks does not return the format, which names the S3 object; a tag on
            // the task keeps it where any later reader (or a restarted ibex) finds it.
            TagSpecifications: [{ ResourceType: 'export-image-task', Tags: [{ Key: FORMAT_TAG, Value: input.diskImageFormat }] }],
          }),
        ),
      );
      return { exportImageTaskId: out.ExportImageTaskId!, status: exportStatus(out.Status) };
    },

    async describeExportImageTasks(scope, input) {
      const out = await send(scope, (c) =>
        c.send(new DescribeExportImageTasksCommand({ ...(input.exportImageTaskIds ? { ExportImageTaskIds: input.exportImageTaskIds } : {}) })),
      );
      return {
        exportImageTasks: (out.ExportImageTasks ?? []).map((t): ExportImageTask => ({
          exportImageTaskId: t.ExportImageTaskId ?? '',
          imageId: t.ImageId ?? '',
          status: exportStatus(t.Status),
          ...(t.StatusMessage ? { statusMessage: t.StatusMessage } : {}),
          ...(t.Progress ? { progress: t.Progress } : {}),
          s3ExportLocation: {
            s3Bucket: t.S3ExportLocation?.S3Bucket ?? '',
            ...(t.S3ExportLocation?.S3Prefix !== undefined ? { s3Prefix: t.S3ExportLocation.S3Prefix } : {}),
          },
          diskImageFormat: diskFormat(t.Tags?.find((x) => x.Key === FORMAT_TAG)?.Value),
        })),
      };
    },

    async enableFastLaunch(scope, input) {
      const lt = input.launchTemplate;
      const out = await send(scope, (c) =>
        c.send(
          new EnableFastLaunchCommand({
            ImageId: input.imageId,
            ...dryRun(input.dryRun),
            ResourceType: input.resourceType ?? 'snapshot',
            ...(input.snapshotConfiguration?.targetResourceCount !== undefined
              ? { SnapshotConfiguration: { TargetResourceCount: input.snapshotConfiguration.targetResourceCount } }
              : {}),
            ...(lt
              ? {
                  LaunchTemplate: {
                    Version: lt.version,
                    ...(lt.launchTemplateId !== undefined ? { LaunchTemplateId: lt.launchTemplateId } : {}),
                    ...(lt.launchTemplateName !== undefined ? { LaunchTemplateName: lt.launchTemplateName } : {}),
                  },
                }
              : {}),
            ...(input.maxParallelLaunches !== undefined ? { MaxParallelLaunches: input.maxParallelLaunches } : {}),
          }),
        ),
      );
      return toFastLaunch({ ...out, ImageId: out.ImageId ?? input.imageId });
    },

    async describeFastLaunchImages(scope, input) {
      const out = await send(scope, (c) => c.send(new DescribeFastLaunchImagesCommand({ ...(input.imageIds ? { ImageIds: input.imageIds } : {}) })));
      return { fastLaunchImages: (out.FastLaunchImages ?? []).map(toFastLaunch) };
    },

    async getImageBlockPublicAccessState(scope) {
      let out;
      try {
        out = await send(scope, (c) => c.send(new GetImageBlockPublicAccessStateCommand({})));
      } catch (e) {
        // An AWS-compatible endpoint without the operation (moto) has no block public access:
        // sharing there is never blocked. AWS itself always answers.
        if (clients.opts.endpoint && e instanceof CloudError && e.code === 'InternalFailure' && !e.retryable)
          return { imageBlockPublicAccessState: 'unblocked' };
        throw e;
      }
      return { imageBlockPublicAccessState: out.ImageBlockPublicAccessState === 'block-new-sharing' ? 'block-new-sharing' : 'unblocked' };
    },
  };
}

/**
 * EC2's `DryRun` member. EC2 answers a dry run that would succeed with the error
 * `DryRunOperation` (HTTP 412), which `call` maps to the `CloudError` the port promises
 * (see `DryRunnable` in ../ports.ts); `UnauthorizedOperation` and every other error stay failures.
 */
function dryRun(on: boolean | undefined): { DryRun?: true } {
  return on ? { DryRun: true } : {};
}

function tagSpecs(specs: { resourceType: 'image'; tags: Tag[] }[] | undefined): { TagSpecifications?: TagSpecification[] } {
  // EC2 rejects a tag specification without tags.
  const used = (specs ?? []).filter((s) => s.tags.length > 0);
  return used.length
    ? { TagSpecifications: used.map((s) => ({ ResourceType: s.resourceType, Tags: s.tags.map((t) => ({ Key: t.key, Value: t.value })) })) }
    : {};
}

function imageState(s: string | undefined): ImageState {
  switch (s) {
    case 'available':
      return 'available';
    case 'pending':
    case 'transient':
      return 'pending';
    case 'deregistered':
      return 'deregistered';
    case 'disabled':
      return 'disabled';
    default:
      return 'failed';
  }
}

function toImage(i: Image): Ec2Image {
  // EC2 sets Platform only for Windows AMIs, as the lower-case value `windows`.
  const windows = String(i.Platform ?? '').toLowerCase() === 'windows';
  return {
    imageId: i.ImageId ?? '',
    ownerId: i.OwnerId ?? '',
    ...(i.ImageOwnerAlias ? { imageOwnerAlias: i.ImageOwnerAlias } : {}),
    name: i.Name ?? '',
    ...(i.Description !== undefined && i.Description !== '' ? { description: i.Description } : {}),
    state: imageState(i.State),
    ...(windows ? { platform: 'windows' as const } : {}),
    platformDetails: i.PlatformDetails ?? (windows ? 'Windows' : 'Linux/UNIX'),
    creationDate: i.CreationDate ?? '',
    public: i.Public ?? false,
    tags: (i.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    blockDeviceMappings: (i.BlockDeviceMappings ?? [])
      .filter((b) => b.Ebs)
      .map((b) => ({
        deviceName: b.DeviceName ?? '',
        ebs: { snapshotId: b.Ebs!.SnapshotId ?? '', encrypted: b.Ebs!.Encrypted ?? false, ...(b.Ebs!.KmsKeyId ? { kmsKeyId: b.Ebs!.KmsKeyId } : {}) },
      })),
    ...(i.SourceImageId ? { sourceImageId: i.SourceImageId } : {}),
    ...(i.SourceImageRegion ? { sourceImageRegion: i.SourceImageRegion } : {}),
    ...(i.StateReason ? { stateReason: { code: i.StateReason.Code ?? '', message: i.StateReason.Message ?? '' } } : {}),
    ...(i.DeprecationTime ? { deprecationTime: i.DeprecationTime } : {}),
  };
}

function toPermission(p: LaunchPermission): SdkLaunchPermission {
  return {
    ...(p.userId !== undefined ? { UserId: p.userId } : {}),
    ...(p.group !== undefined ? { Group: p.group } : {}),
    ...(p.organizationArn !== undefined ? { OrganizationArn: p.organizationArn } : {}),
    ...(p.organizationalUnitArn !== undefined ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
  };
}

function fromPermission(p: SdkLaunchPermission): LaunchPermission {
  return {
    ...(p.UserId ? { userId: p.UserId } : {}),
    ...(p.Group === 'all' ? { group: 'all' as const } : {}),
    ...(p.OrganizationArn ? { organizationArn: p.OrganizationArn } : {}),
    ...(p.OrganizationalUnitArn ? { organizationalUnitArn: p.OrganizationalUnitArn } : {}),
  };
}

function toTemplate(t: SdkLaunchTemplate): LaunchTemplate {
  return {
    launchTemplateId: t.LaunchTemplateId ?? '',
    launchTemplateName: t.LaunchTemplateName ?? '',
    defaultVersionNumber: Number(t.DefaultVersionNumber ?? 0),
    latestVersionNumber: Number(t.LatestVersionNumber ?? 0),
    tags: (t.Tags ?? []).map((x) => ({ key: x.Key ?? '', value: x.Value ?? '' })),
  };
}

function toVersion(v: SdkLaunchTemplateVersion): LaunchTemplateVersion {
  return {
    launchTemplateId: v.LaunchTemplateId ?? '',
    versionNumber: Number(v.VersionNumber ?? 0),
    defaultVersion: v.DefaultVersion ?? false,
    launchTemplateData: { ...(v.LaunchTemplateData?.ImageId !== undefined ? { imageId: v.LaunchTemplateData.ImageId } : {}) },
  };
}

function diskFormat(v: string | undefined): ExportImageTask['diskImageFormat'] {
  return v === 'RAW' || v === 'VHD' ? v : 'VMDK';
}

function exportStatus(s: string | undefined): ExportImageTask['status'] {
  return s === 'active' || s === 'completed' || s === 'deleting' || s === 'deleted' ? s : 'failed';
}

interface SdkFastLaunch {
  ImageId?: string | undefined;
  State?: string | undefined;
  SnapshotConfiguration?: { TargetResourceCount?: number | undefined } | undefined;
  LaunchTemplate?: { LaunchTemplateId?: string | undefined; LaunchTemplateName?: string | undefined; Version?: string | undefined } | undefined;
  MaxParallelLaunches?: number | undefined;
  OwnerId?: string | undefined;
}

function toFastLaunch(f: SdkFastLaunch): FastLaunchState {
  const states = ['enabling', 'enabled', 'enabling-failed', 'disabling', 'disabled'] as const;
  const state = states.find((s) => s === f.State) ?? 'enabling-failed';
  const lt = f.LaunchTemplate;
  return {
    imageId: f.ImageId ?? '',
    state,
    resourceType: 'snapshot',
    snapshotConfiguration: { targetResourceCount: f.SnapshotConfiguration?.TargetResourceCount ?? 0 },
    ...(lt
      ? {
          launchTemplate: {
            version: lt.Version ?? '$Default',
            ...(lt.LaunchTemplateId ? { launchTemplateId: lt.LaunchTemplateId } : {}),
            ...(lt.LaunchTemplateName ? { launchTemplateName: lt.LaunchTemplateName } : {}),
          },
        }
      : {}),
    maxParallelLaunches: f.MaxParallelLaunches ?? 0,
    ownerId: f.OwnerId ?? '',
  };
}
