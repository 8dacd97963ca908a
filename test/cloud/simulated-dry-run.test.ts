// EC2 DryRun in the simulated world: a dry run runs the real call's checks and changes nothing —
// not the world, not the client tokens, not the counted or probabilistic fault rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dryRunCheck, type CloudPorts, type CloudScope } from '../../src/cloud/ports.js';
import { rejectsWith } from './contract/env.js';
import { FX, simulatedEnv } from './simulated-env.js';

const owner = { accountId: FX.owner, region: FX.region };
const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

/** Every dry-run-able call distribution makes, as dry runs that would succeed and that would fail. */
async function dryRuns(ports: CloudPorts, member: CloudScope, limited: CloudScope): Promise<void> {
  const ec2 = ports.ec2;
  const ok = [
    ec2.copyImage(
      { accountId: FX.owner, region: FX.otherRegion },
      { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'dry-copy', clientToken: 't1', dryRun: true },
    ),
    ec2.copyImage(owner, {
      sourceImageId: FX.encryptedImageId,
      sourceRegion: FX.region,
      name: 'dry-enc',
      encrypted: true,
      kmsKeyId: FX.kmsKeyArn,
      dryRun: true,
    }),
    ec2.modifyImageAttribute(owner, {
      imageId: FX.linuxImageId,
      launchPermission: { add: [{ userId: FX.member }, { group: 'all' }, { organizationArn: FX.orgArn }] },
      dryRun: true,
    }),
    ec2.createLaunchTemplateVersion(member, {
      launchTemplateId: FX.memberLaunchTemplateId,
      launchTemplateData: { imageId: FX.linuxImageId },
      clientToken: 't2',
      dryRun: true,
    }),
    ec2.modifyLaunchTemplate(member, { launchTemplateId: FX.memberLaunchTemplateId, defaultVersion: '1', dryRun: true }),
    ec2.exportImage(owner, {
      imageId: FX.linuxImageId,
      diskImageFormat: 'VMDK',
      s3ExportLocation: { s3Bucket: FX.exportBucket },
      roleName: 'vmimport',
      clientToken: 't3',
      dryRun: true,
    }),
    ec2.enableFastLaunch(owner, { imageId: FX.windowsImageId, maxParallelLaunches: 6, dryRun: true }),
  ];
  for (const p of ok) await dryRunCheck('ec2', 'dry run', p);
  await rejectsWith(
    ec2.createLaunchTemplateVersion(limited, {
      launchTemplateId: FX.limitedMemberLaunchTemplateId,
      launchTemplateData: { imageId: FX.linuxImageId },
      dryRun: true,
    }),
    'UnauthorizedOperation',
  );
  await rejectsWith(
    ec2.modifyImageAttribute(
      { accountId: FX.blocked.accountId, region: FX.blocked.region },
      { imageId: FX.blocked.imageId, launchPermission: { add: [{ group: 'all' }] }, dryRun: true },
    ),
    'OperationNotPermitted',
  );
  await rejectsWith(
    ec2.copyImage(
      { accountId: FX.disabled.accountId, region: FX.disabled.region },
      { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'dry-x', dryRun: true },
    ),
    'OptInRequired',
  );
  await rejectsWith(
    ec2.copyImage(owner, {
      sourceImageId: FX.privateEncryptedImageId,
      sourceRegion: FX.region,
      name: 'dry-k',
      encrypted: true,
      kmsKeyId: 'alias/nope',
      dryRun: true,
    }),
    'NotFoundException',
  );
}

describe('simulated DryRun', () => {
  it('never changes the world', async () => {
    const env = simulatedEnv();
    const assume = async (a: string) => (await env.ports.sts.assumeRole(owner, { roleArn: `arn:aws:iam::${a}:role/${ROLE}`, roleSessionName: 'dry' })).scope;
    const member = await assume(FX.member);
    const limited = await assume(FX.limitedMember);
    const before = JSON.stringify(env.world.snapshot());
    await dryRuns(env.ports, member, limited);
    assert.equal(JSON.stringify(env.world.snapshot()), before);
    // The tokens of the dry runs were not recorded: the real calls with them are new calls.
    const { imageId } = await env.ports.ec2.copyImage(
      { accountId: FX.owner, region: FX.otherRegion },
      { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'dry-copy', clientToken: 't1' },
    );
    assert.match(imageId, /^ami-/);
    assert.notEqual(JSON.stringify(env.world.snapshot()), before);
  });

  it('meets unconditional fault rules but neither consumes counted rules nor draws from the RNG', async () => {
    const env = simulatedEnv();
    const input = { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'dry-f', dryRun: true };
    env.world.addFaultRule({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', times: 1 });
    env.world.addFaultRule({ service: 'ec2', operation: 'ModifyImageAttribute', error: 'InternalError', probability: 1 });
    const faults = JSON.stringify(env.world.faults());
    await dryRunCheck('ec2', 'CopyImage', env.ports.ec2.copyImage(owner, input));
    await dryRunCheck(
      'ec2',
      'ModifyImageAttribute',
      env.ports.ec2.modifyImageAttribute(owner, { imageId: FX.linuxImageId, launchPermission: { add: [{ userId: FX.member }] }, dryRun: true }),
    );
    assert.equal(JSON.stringify(env.world.faults()), faults);
    // The real call still meets the counted fault.
    await rejectsWith(env.ports.ec2.copyImage(owner, { ...input, dryRun: false }), 'RequestLimitExceeded');
    env.world.addFaultRule({ service: 'ec2', operation: 'CopyImage', error: 'UnauthorizedOperation', message: 'denied' });
    await rejectsWith(env.ports.ec2.copyImage(owner, input), 'UnauthorizedOperation');
  });

  it('dryRunCheck reports a backend that ignored DryRun and made the change', async () => {
    await rejectsWith(dryRunCheck('ec2', 'CopyImage', Promise.resolve({ imageId: 'ami-0123456789abcdef0' })), 'InternalError');
  });
});
