// Rules of the simulated world that the contract suite cannot set up on its own: roles changed
// at run time, sessions, Regions outside the world, AWS-managed keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWith } from './contract/env.js';
import { FX, simulatedEnv } from './simulated-env.js';

const owner = { accountId: FX.owner, region: FX.region };
const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

describe('simulated rules', () => {
  it('returns InvalidParameter exporting with a role that exists but is not trusted by vmie.amazonaws.com', async () => {
    const env = simulatedEnv();
    env.world.merge({ accounts: [{ id: FX.owner, roles: [{ name: 'exporter', trustedAccounts: [FX.owner] }] }] });
    const err = await rejectsWith(
      env.ports.ec2.exportImage(owner, {
        imageId: FX.linuxImageId,
        diskImageFormat: 'RAW',
        s3ExportLocation: { s3Bucket: FX.exportBucket },
        roleName: 'exporter',
      }),
      'InvalidParameter',
      'ec2',
    );
    assert.match(err.message, /vmie\.amazonaws\.com/);
  });

  it('returns AccessDenied once a role stops trusting the source account, and invalidates its sessions', async () => {
    const env = simulatedEnv();
    const { scope } = await env.ports.sts.assumeRole(owner, { roleArn: `arn:aws:iam::${FX.member}:role/${ROLE}`, roleSessionName: 's' });
    env.world.merge({ accounts: [{ id: FX.member, roles: [{ name: ROLE, trustedAccounts: [] }] }] });
    await rejectsWith(env.ports.sts.assumeRole(owner, { roleArn: `arn:aws:iam::${FX.member}:role/${ROLE}`, roleSessionName: 's' }), 'AccessDenied', 'sts');
    await rejectsWith(env.ports.ssm.putParameter(scope, { name: '/x', value: 'y' }), 'InvalidClientTokenId');
  });

  it('returns ExpiredToken for calls with an expired assumed-role session', async () => {
    const env = simulatedEnv();
    const { scope } = await env.ports.sts.assumeRole(owner, { roleArn: `arn:aws:iam::${FX.member}:role/${ROLE}`, roleSessionName: 's', durationSeconds: 900 });
    env.clock.advance(900_000);
    await rejectsWith(env.ports.ec2.describeImages(scope, {}), 'ExpiredToken');
  });

  it('returns InvalidParameterValue for a Region the world does not have, as scope or as sourceRegion', async () => {
    const env = simulatedEnv();
    await rejectsWith(env.ports.ec2.describeImages({ accountId: FX.owner, region: 'mars-north-1' }, {}), 'InvalidParameterValue');
    await rejectsWith(env.ports.ec2.copyImage(owner, { sourceImageId: FX.linuxImageId, sourceRegion: 'sa-east-1', name: 'x-1' }), 'InvalidParameterValue');
  });

  it('copies an encrypted AMI within its account keeping its key, and uses the default EBS key across Regions', async () => {
    const env = simulatedEnv();
    const same = await env.ports.ec2.copyImage(owner, { sourceImageId: FX.encryptedImageId, sourceRegion: FX.region, name: 'enc-same' });
    const other = await env.ports.ec2.copyImage(
      { accountId: FX.owner, region: FX.otherRegion },
      { sourceImageId: FX.encryptedImageId, sourceRegion: FX.region, name: 'enc-other' },
    );
    const snap = env.world.snapshot({ accountId: FX.owner });
    assert.equal(snap.images.find((i) => i.imageId === same.imageId)!.kmsKeyId, FX.kmsKeyArn);
    const otherKey = snap.images.find((i) => i.imageId === other.imageId)!.kmsKeyId!;
    assert.match(otherKey, new RegExp(`^arn:aws:kms:${FX.otherRegion}:${FX.owner}:key/`));
    assert.equal((await env.ports.kms.describeKey({ accountId: FX.owner, region: FX.otherRegion }, { keyId: 'alias/aws/ebs' })).keyMetadata.arn, otherKey);
  });

  it('returns AccessDeniedException for another account using an AWS-managed key', async () => {
    const env = simulatedEnv();
    const ebs = (await env.ports.kms.describeKey(owner, { keyId: 'alias/aws/ebs' })).keyMetadata.arn;
    await rejectsWith(env.ports.kms.describeKey({ accountId: FX.member, region: FX.region }, { keyId: ebs }), 'AccessDeniedException', 'kms');
  });

  it("resolves a key by alias in the caller's account", async () => {
    const env = simulatedEnv();
    assert.equal((await env.ports.kms.describeKey(owner, { keyId: 'alias/distribution' })).keyMetadata.arn, FX.kmsKeyArn);
  });
});
