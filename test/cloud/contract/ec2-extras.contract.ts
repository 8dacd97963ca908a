// Contract: launch templates (incl. through the cross-account role), S3 export and fast launch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasGap, rejectsWith, type EnvFactory } from './env.js';

const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

export function ec2ExtrasContract(make: EnvFactory): void {
  describe('EC2 launch templates', () => {
    it('adds a version with the new AMI and makes it the default', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const { launchTemplateVersion } = await env.ports.ec2.createLaunchTemplateVersion(s, {
        launchTemplateId: env.fx.launchTemplateId,
        launchTemplateData: { imageId: env.fx.windowsImageId },
      });
      assert.equal(launchTemplateVersion.launchTemplateData.imageId, env.fx.windowsImageId);
      const { launchTemplate } = await env.ports.ec2.modifyLaunchTemplate(s, {
        launchTemplateId: env.fx.launchTemplateId,
        defaultVersion: String(launchTemplateVersion.versionNumber),
      });
      assert.equal(launchTemplate.defaultVersionNumber, launchTemplateVersion.versionNumber);
      assert.equal(launchTemplate.latestVersionNumber, launchTemplateVersion.versionNumber);
    });

    it('describes the versions asked for, each with its AMI and whether it is the default', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const { launchTemplateVersion: v } = await env.ports.ec2.createLaunchTemplateVersion(s, {
        launchTemplateId: env.fx.launchTemplateId,
        launchTemplateData: { imageId: env.fx.windowsImageId },
      });
      const { launchTemplateVersions } = await env.ports.ec2.describeLaunchTemplateVersions(s, {
        launchTemplateId: env.fx.launchTemplateId,
        versions: ['1', String(v.versionNumber)],
      });
      assert.deepEqual(
        launchTemplateVersions
          .map((x) => [x.launchTemplateId, x.versionNumber, x.defaultVersion, x.launchTemplateData.imageId])
          .sort((a, b) => Number(a[1]) - Number(b[1])),
        [
          [env.fx.launchTemplateId, 1, true, env.fx.linuxImageId],
          [env.fx.launchTemplateId, v.versionNumber, false, env.fx.windowsImageId],
        ],
      );
    });

    it('returns InvalidLaunchTemplateId.NotFound for a template missing in that account or Region', async () => {
      const env = await make();
      await rejectsWith(
        env.ports.ec2.describeLaunchTemplates({ accountId: env.fx.owner, region: env.fx.otherRegion }, { launchTemplateIds: [env.fx.launchTemplateId] }),
        'InvalidLaunchTemplateId.NotFound',
      );
      await rejectsWith(
        env.ports.ec2.createLaunchTemplateVersion(
          { accountId: env.fx.outsider, region: env.fx.region },
          { launchTemplateId: env.fx.launchTemplateId, launchTemplateData: { imageId: env.fx.linuxImageId } },
        ),
        'InvalidLaunchTemplateId.NotFound',
      );
    });

    it('returns InvalidLaunchTemplateId.VersionNotFound for a default version that does not exist', async () => {
      const env = await make();
      await rejectsWith(
        env.ports.ec2.modifyLaunchTemplate(
          { accountId: env.fx.owner, region: env.fx.region },
          { launchTemplateId: env.fx.launchTemplateId, defaultVersion: '99' },
        ),
        'InvalidLaunchTemplateId.VersionNotFound',
      );
    });

    it('changes a target account template through a cross-account role that has the permissions', async () => {
      const env = await make();
      const { scope } = await env.ports.sts.assumeRole(
        { accountId: env.fx.owner, region: env.fx.region },
        { roleArn: `arn:aws:iam::${env.fx.member}:role/${ROLE}`, roleSessionName: 'lt' },
      );
      const v = await env.ports.ec2.createLaunchTemplateVersion(scope, {
        launchTemplateId: env.fx.memberLaunchTemplateId,
        launchTemplateData: { imageId: env.fx.linuxImageId },
      });
      await env.ports.ec2.modifyLaunchTemplate(scope, {
        launchTemplateId: env.fx.memberLaunchTemplateId,
        defaultVersion: String(v.launchTemplateVersion.versionNumber),
      });
    });

    it('returns UnauthorizedOperation changing a template through a role without ec2:CreateLaunchTemplateVersion', async () => {
      const env = await make();
      const { scope } = await env.ports.sts.assumeRole(
        { accountId: env.fx.owner, region: env.fx.region },
        { roleArn: `arn:aws:iam::${env.fx.limitedMember}:role/${ROLE}`, roleSessionName: 'lt' },
      );
      if (hasGap(env, 'rolePermissions')) {
        // moto does not evaluate IAM policies: any role may do anything in its account.
        const v = await env.ports.ec2.createLaunchTemplateVersion(scope, {
          launchTemplateId: env.fx.limitedMemberLaunchTemplateId,
          launchTemplateData: { imageId: env.fx.linuxImageId },
        });
        assert.equal(v.launchTemplateVersion.versionNumber, 2);
        return;
      }
      const err = await rejectsWith(
        env.ports.ec2.createLaunchTemplateVersion(scope, {
          launchTemplateId: env.fx.limitedMemberLaunchTemplateId,
          launchTemplateData: { imageId: env.fx.linuxImageId },
        }),
        'UnauthorizedOperation',
        'ec2',
      );
      assert.match(err.message, /ec2:CreateLaunchTemplateVersion/);
      await rejectsWith(
        env.ports.ec2.modifyLaunchTemplate(scope, { launchTemplateId: env.fx.limitedMemberLaunchTemplateId, defaultVersion: '1' }),
        'UnauthorizedOperation',
        'ec2',
      );
    });
  });

  describe('EC2 export to S3', () => {
    it('exports an AMI to the bucket as <prefix><task id>.<format> once the task completes', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      if (hasGap(env, 'exportImage')) {
        // moto implements neither ExportImage nor DescribeExportImageTasks.
        await rejectsWith(
          env.ports.ec2.exportImage(s, {
            imageId: env.fx.linuxImageId,
            diskImageFormat: 'RAW',
            s3ExportLocation: { s3Bucket: env.fx.exportBucket, s3Prefix: 'exports/' },
            roleName: 'vmimport',
          }),
          'InternalFailure',
          'ec2',
        );
        await rejectsWith(env.ports.ec2.describeExportImageTasks(s, {}), 'InternalFailure', 'ec2');
        return;
      }
      const { exportImageTaskId } = await env.ports.ec2.exportImage(s, {
        imageId: env.fx.linuxImageId,
        diskImageFormat: 'RAW',
        s3ExportLocation: { s3Bucket: env.fx.exportBucket, s3Prefix: 'exports/' },
        roleName: 'vmimport',
      });
      assert.match(exportImageTaskId, /^export-ami-[0-9a-f]{17}$/);
      let task = (await env.ports.ec2.describeExportImageTasks(s, { exportImageTaskIds: [exportImageTaskId] })).exportImageTasks[0]!;
      for (let i = 0; i < 600 && task.status !== 'completed'; i++) {
        await env.elapse(1000);
        task = (await env.ports.ec2.describeExportImageTasks(s, { exportImageTaskIds: [exportImageTaskId] })).exportImageTasks[0]!;
      }
      assert.equal(task.status, 'completed');
      const { contents } = await env.ports.s3.listObjects(s, { bucket: env.fx.exportBucket, prefix: 'exports/' });
      assert.ok(contents.some((o) => o.key === `exports/${exportImageTaskId}.raw`));
    });

    it('returns NoSuchBucket when the export bucket does not exist', async () => {
      const env = await make();
      const [code, service] = hasGap(env, 'exportImage') ? ['InternalFailure', 'ec2'] : ['NoSuchBucket', 's3'];
      await rejectsWith(
        env.ports.ec2.exportImage(
          { accountId: env.fx.owner, region: env.fx.region },
          { imageId: env.fx.linuxImageId, diskImageFormat: 'VMDK', s3ExportLocation: { s3Bucket: env.unique('no-such-bucket') }, roleName: 'vmimport' },
        ),
        code!,
        service,
      );
    });

    it('returns InvalidParameter when the export role is missing or not trusted by vmie.amazonaws.com', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const input = { imageId: env.fx.linuxImageId, diskImageFormat: 'VHD' as const, s3ExportLocation: { s3Bucket: env.fx.exportBucket } };
      await rejectsWith(
        env.ports.ec2.exportImage(s, { ...input, roleName: 'no-such-role' }),
        hasGap(env, 'exportImage') ? 'InternalFailure' : 'InvalidParameter',
        'ec2',
      );
    });
  });

  describe('EC2 fast launch', () => {
    it('enables fast launch on a Windows AMI', async () => {
      const env = await make();
      if (hasGap(env, 'fastLaunch')) {
        // moto implements no fast-launch operation.
        await rejectsWith(
          env.ports.ec2.enableFastLaunch({ accountId: env.fx.owner, region: env.fx.region }, { imageId: env.fx.windowsImageId, maxParallelLaunches: 6 }),
          'InternalFailure',
          'ec2',
        );
        await rejectsWith(env.ports.ec2.describeFastLaunchImages({ accountId: env.fx.owner, region: env.fx.region }, {}), 'InternalFailure', 'ec2');
        return;
      }
      const r = await env.ports.ec2.enableFastLaunch(
        { accountId: env.fx.owner, region: env.fx.region },
        { imageId: env.fx.windowsImageId, maxParallelLaunches: 6, snapshotConfiguration: { targetResourceCount: 5 } },
      );
      assert.ok(r.state === 'enabling' || r.state === 'enabled');
      assert.equal(r.maxParallelLaunches, 6);
    });

    it('returns InvalidParameterValue for a Linux AMI or maxParallelLaunches below 6', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const code = hasGap(env, 'fastLaunch') ? 'InternalFailure' : 'InvalidParameterValue';
      await rejectsWith(env.ports.ec2.enableFastLaunch(s, { imageId: env.fx.linuxImageId, maxParallelLaunches: 6 }), code);
      await rejectsWith(env.ports.ec2.enableFastLaunch(s, { imageId: env.fx.windowsImageId, maxParallelLaunches: 5 }), code);
    });
  });
}
