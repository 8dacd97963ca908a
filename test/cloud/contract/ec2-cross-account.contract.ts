// Contract: cross-account distribution — assuming the target's role, copying a shared AMI,
// and the KMS rules for encrypted sources and destination keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudScope } from '../../../src/cloud/ports.js';
import { hasGap, rejectsWith, type ContractEnv, type EnvFactory } from './env.js';

const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

async function assume(env: ContractEnv, target: string, region = env.fx.region): Promise<CloudScope> {
  const r = await env.ports.sts.assumeRole(
    { accountId: env.fx.owner, region },
    { roleArn: `arn:aws:iam::${target}:role/${ROLE}`, roleSessionName: 'ibex-distribution' },
  );
  return r.scope;
}

async function share(env: ContractEnv, imageId: string, accountId: string): Promise<void> {
  await env.ports.ec2.modifyImageAttribute({ accountId: env.fx.owner, region: env.fx.region }, { imageId, launchPermission: { add: [{ userId: accountId }] } });
}

export function ec2CrossAccountContract(make: EnvFactory): void {
  describe('EC2 cross-account copies', () => {
    it('assumes the cross-account role of a target that trusts the source account and acts as the target', async () => {
      const env = await make();
      const scope = await assume(env, env.fx.member);
      assert.equal(scope.accountId, env.fx.member);
      const who = await env.ports.sts.getCallerIdentity(scope);
      assert.equal(who.account, env.fx.member);
      assert.match(who.arn, new RegExp(`assumed-role/${ROLE}/ibex-distribution$`));
    });

    it('returns AccessDenied when the target has no cross-account role', async () => {
      const env = await make();
      if (hasGap(env, 'roleTrust')) {
        // moto lets anyone assume any role ARN, existing or not.
        assert.equal((await assume(env, env.fx.outsider)).accountId, env.fx.outsider);
        return;
      }
      const err = await rejectsWith(assume(env, env.fx.outsider), 'AccessDenied', 'sts');
      assert.match(err.message, /sts:AssumeRole/);
    });

    it('returns AccessDenied when the role does not trust the calling account', async () => {
      const env = await make();
      const untrusted = env.ports.sts.assumeRole(
        { accountId: env.fx.outsider, region: env.fx.region },
        { roleArn: `arn:aws:iam::${env.fx.member}:role/${ROLE}`, roleSessionName: 'untrusted' },
      );
      if (hasGap(env, 'roleTrust')) {
        assert.equal((await untrusted).scope.accountId, env.fx.member);
        return;
      }
      await rejectsWith(untrusted, 'AccessDenied', 'sts');
    });

    it('copies into the target account once the target has launch permission on the source', async () => {
      const env = await make();
      const target = await assume(env, env.fx.member);
      const input = { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: env.unique('xacct') };
      await rejectsWith(env.ports.ec2.copyImage(target, input), 'InvalidAMIID.NotFound');
      await share(env, env.fx.linuxImageId, env.fx.member);
      if (hasGap(env, 'crossAccountImages')) {
        // moto looks the source up in the destination account: a shared AMI is never found.
        await rejectsWith(env.ports.ec2.copyImage(target, input), 'InvalidAMIID.NotFound', 'ec2');
        return;
      }
      const { imageId } = await env.ports.ec2.copyImage(target, input);
      await env.waitAvailable(target, imageId);
      const img = (await env.ports.ec2.describeImages({ accountId: env.fx.member, region: env.fx.region }, { imageIds: [imageId] })).images[0]!;
      assert.equal(img.ownerId, env.fx.member);
      assert.equal(img.state, 'available');
    });

    it('copies an encrypted source whose key allows the target, re-encrypting with the given key ARN', async () => {
      const env = await make();
      await share(env, env.fx.encryptedImageId, env.fx.member);
      const target = await assume(env, env.fx.member);
      if (hasGap(env, 'crossAccountImages')) {
        await rejectsWith(
          env.ports.ec2.copyImage(target, {
            sourceImageId: env.fx.encryptedImageId,
            sourceRegion: env.fx.region,
            name: env.unique('enc'),
            encrypted: true,
            kmsKeyId: env.fx.kmsKeyArn,
          }),
          'InvalidAMIID.NotFound',
          'ec2',
        );
        return;
      }
      const { imageId } = await env.ports.ec2.copyImage(target, {
        sourceImageId: env.fx.encryptedImageId,
        sourceRegion: env.fx.region,
        name: env.unique('enc'),
        encrypted: true,
        kmsKeyId: env.fx.kmsKeyArn,
      });
      const img = (await env.ports.ec2.describeImages(target, { imageIds: [imageId] })).images[0]!;
      assert.equal(img.blockDeviceMappings[0]!.ebs.encrypted, true);
      assert.equal(img.blockDeviceMappings[0]!.ebs.kmsKeyId, env.fx.kmsKeyArn);
    });

    it('returns KMS AccessDeniedException copying an encrypted source whose key does not allow the target', async () => {
      const env = await make();
      await share(env, env.fx.privateEncryptedImageId, env.fx.member);
      const target = await assume(env, env.fx.member);
      const [code, service] = hasGap(env, 'crossAccountImages') ? ['InvalidAMIID.NotFound', 'ec2'] : ['AccessDeniedException', 'kms'];
      await rejectsWith(
        env.ports.ec2.copyImage(target, { sourceImageId: env.fx.privateEncryptedImageId, sourceRegion: env.fx.region, name: env.unique('enc') }),
        code!,
        service,
      );
    });

    it("returns KMS NotFoundException for another account's key named by bare id instead of full ARN", async () => {
      const env = await make();
      await share(env, env.fx.linuxImageId, env.fx.member);
      const target = await assume(env, env.fx.member);
      const copy = env.ports.ec2.copyImage(target, {
        sourceImageId: env.fx.linuxImageId,
        sourceRegion: env.fx.region,
        name: env.unique('k'),
        encrypted: true,
        kmsKeyId: env.fx.kmsKeyId,
      });
      if (hasGap(env, 'crossAccountImages')) {
        await rejectsWith(copy, 'InvalidAMIID.NotFound', 'ec2');
        return;
      }
      const err = await rejectsWith(copy, 'NotFoundException', 'kms');
      assert.match(err.message, /full ARN/);
    });

    it('returns KMS NotFoundException for a kmsKeyId that does not exist in the destination Region', async () => {
      const env = await make();
      const dest = { accountId: env.fx.owner, region: env.fx.otherRegion };
      if (hasGap(env, 'kmsKeyRules')) {
        // moto's CopyImage ignores Encrypted and KmsKeyId: the copy is made, unencrypted.
        const { imageId } = await env.ports.ec2.copyImage(dest, {
          sourceImageId: env.fx.linuxImageId,
          sourceRegion: env.fx.region,
          name: env.unique('k'),
          encrypted: true,
          kmsKeyId: env.fx.kmsKeyArn,
        });
        assert.equal((await env.ports.ec2.describeImages(dest, { imageIds: [imageId] })).images[0]!.blockDeviceMappings[0]!.ebs.encrypted, false);
        return;
      }
      await rejectsWith(
        env.ports.ec2.copyImage(dest, {
          sourceImageId: env.fx.linuxImageId,
          sourceRegion: env.fx.region,
          name: env.unique('k'),
          encrypted: true,
          kmsKeyId: env.fx.kmsKeyArn,
        }),
        'NotFoundException',
        'kms',
      );
      await rejectsWith(
        env.ports.ec2.copyImage(dest, {
          sourceImageId: env.fx.linuxImageId,
          sourceRegion: env.fx.region,
          name: env.unique('k'),
          encrypted: true,
          kmsKeyId: env.fx.kmsKeyId,
        }),
        'NotFoundException',
        'kms',
      );
    });

    it('returns KMS AccessDeniedException for a key in another account whose policy does not allow the caller', async () => {
      const env = await make();
      if (hasGap(env, 'kmsKeyRules')) {
        // moto's KMS never resolves another account's key, whatever its policy says.
        await rejectsWith(
          env.ports.kms.describeKey({ accountId: env.fx.limitedMember, region: env.fx.region }, { keyId: env.fx.kmsKeyArn }),
          'NotFoundException',
          'kms',
        );
        await rejectsWith(
          env.ports.kms.describeKey({ accountId: env.fx.member, region: env.fx.region }, { keyId: env.fx.kmsKeyArn }),
          'NotFoundException',
          'kms',
        );
        return;
      }
      await rejectsWith(
        env.ports.kms.describeKey({ accountId: env.fx.limitedMember, region: env.fx.region }, { keyId: env.fx.kmsKeyArn }),
        'AccessDeniedException',
        'kms',
      );
      const ok = await env.ports.kms.describeKey({ accountId: env.fx.member, region: env.fx.region }, { keyId: env.fx.kmsKeyArn });
      assert.equal(ok.keyMetadata.awsAccountId, env.fx.owner);
    });
  });
}
