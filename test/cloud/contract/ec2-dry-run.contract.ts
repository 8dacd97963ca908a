// Contract: EC2 DryRun on the calls distribution makes. A dry run that would succeed rejects with
// `DryRunOperation` and changes nothing; one that would fail rejects with the real call's error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudScope } from '../../../src/cloud/ports.js';
import { hasGap, rejectsWith, type ContractEnv, type EnvFactory } from './env.js';

const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';
const DRY = 'DryRunOperation';

async function assume(env: ContractEnv, target: string): Promise<CloudScope> {
  return (
    await env.ports.sts.assumeRole(
      { accountId: env.fx.owner, region: env.fx.region },
      { roleArn: `arn:aws:iam::${target}:role/${ROLE}`, roleSessionName: 'dry-run' },
    )
  ).scope;
}

export function ec2DryRunContract(make: EnvFactory): void {
  describe('EC2 DryRun', () => {
    it('answers DryRunOperation for a CopyImage that would succeed, and copies nothing', async () => {
      const env = await make();
      const dest = { accountId: env.fx.owner, region: env.fx.otherRegion };
      const name = env.unique('dry');
      const err = await rejectsWith(
        env.ports.ec2.copyImage(dest, { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name, dryRun: true }),
        DRY,
        'ec2',
      );
      assert.match(err.message, /DryRun flag is set/);
      const { images } = await env.ports.ec2.describeImages(dest, { owners: ['self'], filters: [{ name: 'name', values: [name] }] });
      assert.deepEqual(images, []);
    });

    it('fails a dry-run CopyImage as the real call would: a missing source, a duplicate name', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      // One call at a time: a second call's rejection must not arrive before anyone awaits it.
      const missing = () =>
        env.ports.ec2.copyImage(s, { sourceImageId: 'ami-0000000000000000f', sourceRegion: env.fx.region, name: env.unique('dry'), dryRun: true });
      const duplicate = () => env.ports.ec2.copyImage(s, { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: 'base-linux', dryRun: true });
      if (hasGap(env, 'dryRunChecks')) {
        // moto answers DryRunOperation before looking at the request.
        await rejectsWith(missing(), DRY, 'ec2');
        await rejectsWith(duplicate(), DRY, 'ec2');
        return;
      }
      await rejectsWith(missing(), 'InvalidAMIID.NotFound', 'ec2');
      await rejectsWith(duplicate(), 'InvalidAMIName.Duplicate', 'ec2');
    });

    it('answers DryRunOperation for a ModifyImageAttribute that would succeed, and shares nothing', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      await rejectsWith(
        env.ports.ec2.modifyImageAttribute(s, { imageId: env.fx.linuxImageId, launchPermission: { add: [{ userId: env.fx.outsider }] }, dryRun: true }),
        DRY,
        'ec2',
      );
      const { launchPermissions } = await env.ports.ec2.describeImageAttribute(s, { imageId: env.fx.linuxImageId, attribute: 'launchPermission' });
      assert.deepEqual(launchPermissions, []);
    });

    it('fails a dry-run public share under block public access as the real call would', async () => {
      const env = await make();
      const b = env.fx.blocked;
      const share = env.ports.ec2.modifyImageAttribute(
        { accountId: b.accountId, region: b.region },
        { imageId: b.imageId, launchPermission: { add: [{ group: 'all' }] }, dryRun: true },
      );
      if (hasGap(env, 'imageBlockPublicAccess') || hasGap(env, 'dryRunChecks')) {
        await rejectsWith(share, DRY, 'ec2');
        return;
      }
      await rejectsWith(share, 'OperationNotPermitted', 'ec2');
    });

    it('answers DryRunOperation for launch-template changes that would succeed, and adds no version', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const before = (await env.ports.ec2.describeLaunchTemplates(s, { launchTemplateIds: [env.fx.launchTemplateId] })).launchTemplates[0]!;
      await rejectsWith(
        env.ports.ec2.createLaunchTemplateVersion(s, {
          launchTemplateId: env.fx.launchTemplateId,
          launchTemplateData: { imageId: env.fx.windowsImageId },
          dryRun: true,
        }),
        DRY,
        'ec2',
      );
      await rejectsWith(
        env.ports.ec2.modifyLaunchTemplate(s, { launchTemplateId: env.fx.launchTemplateId, defaultVersion: String(before.latestVersionNumber), dryRun: true }),
        DRY,
        'ec2',
      );
      const after = (await env.ports.ec2.describeLaunchTemplates(s, { launchTemplateIds: [env.fx.launchTemplateId] })).launchTemplates[0]!;
      assert.deepEqual(after, before);
    });

    it('fails dry-run launch-template changes as the real calls would: a missing template or version', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      await rejectsWith(
        env.ports.ec2.createLaunchTemplateVersion(
          { accountId: env.fx.owner, region: env.fx.otherRegion },
          { launchTemplateId: env.fx.launchTemplateId, launchTemplateData: { imageId: env.fx.linuxImageId }, dryRun: true },
        ),
        'InvalidLaunchTemplateId.NotFound',
        'ec2',
      );
      const missingVersion = env.ports.ec2.modifyLaunchTemplate(s, { launchTemplateId: env.fx.launchTemplateId, defaultVersion: '99', dryRun: true });
      if (hasGap(env, 'dryRunChecks')) {
        await rejectsWith(missingVersion, DRY, 'ec2');
        return;
      }
      await rejectsWith(missingVersion, 'InvalidLaunchTemplateId.VersionNotFound', 'ec2');
    });

    it('answers UnauthorizedOperation for a dry run through a role without the permission', async () => {
      const env = await make();
      const scope = await assume(env, env.fx.limitedMember);
      // One call at a time (see above).
      const create = () =>
        env.ports.ec2.createLaunchTemplateVersion(scope, {
          launchTemplateId: env.fx.limitedMemberLaunchTemplateId,
          launchTemplateData: { imageId: env.fx.linuxImageId },
          dryRun: true,
        });
      const modify = () =>
        env.ports.ec2.modifyLaunchTemplate(scope, { launchTemplateId: env.fx.limitedMemberLaunchTemplateId, defaultVersion: '1', dryRun: true });
      if (hasGap(env, 'rolePermissions')) {
        // moto evaluates no IAM policy: the dry run would have succeeded.
        await rejectsWith(create(), DRY, 'ec2');
        await rejectsWith(modify(), DRY, 'ec2');
        return;
      }
      const err = await rejectsWith(create(), 'UnauthorizedOperation', 'ec2');
      assert.match(err.message, /ec2:CreateLaunchTemplateVersion/);
      await rejectsWith(modify(), 'UnauthorizedOperation', 'ec2');
      // With the permissions, the same dry runs succeed.
      const member = await assume(env, env.fx.member);
      await rejectsWith(
        env.ports.ec2.createLaunchTemplateVersion(member, {
          launchTemplateId: env.fx.memberLaunchTemplateId,
          launchTemplateData: { imageId: env.fx.linuxImageId },
          dryRun: true,
        }),
        DRY,
        'ec2',
      );
    });

    it('answers DryRunOperation for an ExportImage that would succeed, and starts no task', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const input = {
        imageId: env.fx.linuxImageId,
        diskImageFormat: 'RAW' as const,
        s3ExportLocation: { s3Bucket: env.fx.exportBucket },
        roleName: 'vmimport',
        dryRun: true,
      };
      if (hasGap(env, 'exportImage')) {
        await rejectsWith(env.ports.ec2.exportImage(s, input), 'InternalFailure', 'ec2');
        return;
      }
      await rejectsWith(env.ports.ec2.exportImage(s, input), DRY, 'ec2');
      assert.deepEqual((await env.ports.ec2.describeExportImageTasks(s, {})).exportImageTasks, []);
      await rejectsWith(env.ports.ec2.exportImage(s, { ...input, s3ExportLocation: { s3Bucket: env.unique('no-such-bucket') } }), 'NoSuchBucket', 's3');
      await rejectsWith(env.ports.ec2.exportImage(s, { ...input, roleName: 'no-such-role' }), 'InvalidParameter', 'ec2');
    });

    it('answers DryRunOperation for an EnableFastLaunch that would succeed, and enables nothing', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      if (hasGap(env, 'fastLaunch')) {
        await rejectsWith(
          env.ports.ec2.enableFastLaunch(s, { imageId: env.fx.windowsImageId, maxParallelLaunches: 6, dryRun: true }),
          'InternalFailure',
          'ec2',
        );
        return;
      }
      await rejectsWith(env.ports.ec2.enableFastLaunch(s, { imageId: env.fx.windowsImageId, maxParallelLaunches: 6, dryRun: true }), DRY, 'ec2');
      assert.deepEqual((await env.ports.ec2.describeFastLaunchImages(s, {})).fastLaunchImages, []);
      await rejectsWith(
        env.ports.ec2.enableFastLaunch(s, { imageId: env.fx.linuxImageId, maxParallelLaunches: 6, dryRun: true }),
        'InvalidParameterValue',
        'ec2',
      );
    });
  });
}
