// Contract: who can see an AMI (owner, userIds, organization, OUs at any depth, all), block
// public access, org/OU ARNs that must exist, and opt-in Regions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasGap, rejectsWith, type ContractEnv, type EnvFactory } from './env.js';

async function visibleTo(env: ContractEnv, accountId: string, imageId: string): Promise<boolean> {
  const { images } = await env.ports.ec2.describeImages({ accountId, region: env.fx.region }, {});
  return images.some((i) => i.imageId === imageId);
}

export function ec2SharingContract(make: EnvFactory): void {
  describe('EC2 AMI visibility and launch permissions', () => {
    it('hides an unshared AMI from other accounts (InvalidAMIID.NotFound by id, absent from lists)', async () => {
      const env = await make();
      assert.equal(await visibleTo(env, env.fx.owner, env.fx.linuxImageId), true);
      assert.equal(await visibleTo(env, env.fx.member, env.fx.linuxImageId), false);
      await rejectsWith(
        env.ports.ec2.describeImages({ accountId: env.fx.member, region: env.fx.region }, { imageIds: [env.fx.linuxImageId] }),
        'InvalidAMIID.NotFound',
      );
    });

    it('shows an AMI to an account named in its launch permissions, and only to it', async () => {
      const env = await make();
      await env.ports.ec2.modifyImageAttribute(
        { accountId: env.fx.owner, region: env.fx.region },
        { imageId: env.fx.linuxImageId, launchPermission: { add: [{ userId: env.fx.member }] } },
      );
      // moto records the permission but never shows one account's AMI to another.
      assert.equal(await visibleTo(env, env.fx.member, env.fx.linuxImageId), !hasGap(env, 'crossAccountImages'));
      assert.equal(await visibleTo(env, env.fx.outsider, env.fx.linuxImageId), false);
      const attr = await env.ports.ec2.describeImageAttribute(
        { accountId: env.fx.owner, region: env.fx.region },
        { imageId: env.fx.linuxImageId, attribute: 'launchPermission' },
      );
      assert.deepEqual(attr.launchPermissions, [{ userId: env.fx.member }]);
    });

    it('shows an AMI shared with the organization to every member and not to outsiders', async () => {
      const env = await make();
      await env.ports.ec2.modifyImageAttribute(
        { accountId: env.fx.owner, region: env.fx.region },
        { imageId: env.fx.linuxImageId, launchPermission: { add: [{ organizationArn: env.fx.orgArn }] } },
      );
      const shared = !hasGap(env, 'crossAccountImages');
      assert.equal(await visibleTo(env, env.fx.member, env.fx.linuxImageId), shared);
      assert.equal(await visibleTo(env, env.fx.limitedMember, env.fx.linuxImageId), shared);
      assert.equal(await visibleTo(env, env.fx.outsider, env.fx.linuxImageId), false);
    });

    it('shows an AMI shared with a parent OU to accounts in nested OUs, but not the reverse', async () => {
      const env = await make();
      const owner = { accountId: env.fx.owner, region: env.fx.region };
      const shared = !hasGap(env, 'crossAccountImages');
      await env.ports.ec2.modifyImageAttribute(owner, {
        imageId: env.fx.linuxImageId,
        launchPermission: { add: [{ organizationalUnitArn: env.fx.parentOuArn }] },
      });
      assert.equal(await visibleTo(env, env.fx.member, env.fx.linuxImageId), shared);
      await env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.windowsImageId, launchPermission: { add: [{ organizationalUnitArn: env.fx.ouArn }] } });
      assert.equal(await visibleTo(env, env.fx.member, env.fx.windowsImageId), shared);
      assert.equal(await visibleTo(env, env.fx.limitedMember, env.fx.windowsImageId), false);
    });

    it('shows a public AMI (group all) to every account, and removing the permission hides it again', async () => {
      const env = await make();
      const owner = { accountId: env.fx.owner, region: env.fx.region };
      await env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.linuxImageId, launchPermission: { add: [{ group: 'all' }] } });
      if (hasGap(env, 'crossAccountImages')) {
        // moto marks the AMI public for its owner, but other accounts still do not see it.
        assert.equal(await visibleTo(env, env.fx.outsider, env.fx.linuxImageId), false);
        assert.equal((await env.ports.ec2.describeImages(owner, { imageIds: [env.fx.linuxImageId] })).images[0]!.public, true);
        await env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.linuxImageId, launchPermission: { remove: [{ group: 'all' }] } });
        assert.equal((await env.ports.ec2.describeImages(owner, { imageIds: [env.fx.linuxImageId] })).images[0]!.public, false);
        return;
      }
      assert.equal(await visibleTo(env, env.fx.outsider, env.fx.linuxImageId), true);
      const { images } = await env.ports.ec2.describeImages({ accountId: env.fx.outsider, region: env.fx.region }, { imageIds: [env.fx.linuxImageId] });
      assert.equal(images[0]!.public, true);
      await env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.linuxImageId, launchPermission: { remove: [{ group: 'all' }] } });
      assert.equal(await visibleTo(env, env.fx.outsider, env.fx.linuxImageId), false);
    });

    it('returns OperationNotPermitted for public sharing where block public access for AMIs is on', async () => {
      const env = await make();
      const s = { accountId: env.fx.blocked.accountId, region: env.fx.blocked.region };
      if (hasGap(env, 'imageBlockPublicAccess')) {
        // moto has no block public access for AMIs: the adapter reports it off and sharing works.
        assert.equal((await env.ports.ec2.getImageBlockPublicAccessState(s)).imageBlockPublicAccessState, 'unblocked');
        await env.ports.ec2.modifyImageAttribute(s, { imageId: env.fx.blocked.imageId, launchPermission: { add: [{ group: 'all' }] } });
        assert.equal((await env.ports.ec2.describeImages(s, { imageIds: [env.fx.blocked.imageId] })).images[0]!.public, true);
        return;
      }
      const state = await env.ports.ec2.getImageBlockPublicAccessState(s);
      assert.equal(state.imageBlockPublicAccessState, 'block-new-sharing');
      const err = await rejectsWith(
        env.ports.ec2.modifyImageAttribute(s, { imageId: env.fx.blocked.imageId, launchPermission: { add: [{ group: 'all' }] } }),
        'OperationNotPermitted',
        'ec2',
      );
      assert.match(err.message, /block public access/);
      const other = await env.ports.ec2.getImageBlockPublicAccessState({ accountId: env.fx.owner, region: env.fx.region });
      assert.equal(other.imageBlockPublicAccessState, 'unblocked');
    });

    it('returns InvalidParameterValue for an organization or OU ARN that does not exist', async () => {
      const env = await make();
      const owner = { accountId: env.fx.owner, region: env.fx.region };
      const img = env.fx.linuxImageId;
      if (hasGap(env, 'amiLaunchPermissionTargets')) {
        // moto stores any organization or OU ARN without checking that it exists.
        await env.ports.ec2.modifyImageAttribute(owner, {
          imageId: img,
          launchPermission: { add: [{ organizationArn: `arn:aws:organizations::${env.fx.owner}:organization/o-zzzzzzzzzz` }] },
        });
        const attr = await env.ports.ec2.describeImageAttribute(owner, { imageId: img, attribute: 'launchPermission' });
        assert.deepEqual(attr.launchPermissions, [{ organizationArn: `arn:aws:organizations::${env.fx.owner}:organization/o-zzzzzzzzzz` }]);
        return;
      }
      await rejectsWith(
        env.ports.ec2.modifyImageAttribute(owner, {
          imageId: img,
          launchPermission: { add: [{ organizationArn: `arn:aws:organizations::${env.fx.owner}:organization/o-zzzzzzzzzz` }] },
        }),
        'InvalidParameterValue',
      );
      await rejectsWith(
        env.ports.ec2.modifyImageAttribute(owner, {
          imageId: img,
          launchPermission: { add: [{ organizationalUnitArn: `${env.fx.ouArn.slice(0, env.fx.ouArn.lastIndexOf('/'))}/ou-zzzz-99999999` }] },
        }),
        'InvalidParameterValue',
      );
    });

    it('returns InvalidAMIAttributeItemValue for a malformed account id or group', async () => {
      const env = await make();
      const owner = { accountId: env.fx.owner, region: env.fx.region };
      await rejectsWith(
        env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.linuxImageId, launchPermission: { add: [{ userId: '1234' }] } }),
        'InvalidAMIAttributeItemValue',
      );
    });

    it('returns OptInRequired for any call in a Region the account has not enabled', async () => {
      const env = await make();
      const s = { accountId: env.fx.disabled.accountId, region: env.fx.disabled.region };
      if (hasGap(env, 'optInRegions')) {
        // moto enables every Region for every account.
        assert.deepEqual((await env.ports.ec2.describeImages(s, {})).images, []);
        assert.equal((await env.ports.ssm.putParameter(s, { name: 'p', value: 'v' })).version, 1);
        return;
      }
      await rejectsWith(env.ports.ec2.describeImages(s, {}), 'OptInRequired');
      await rejectsWith(
        env.ports.ec2.copyImage(s, { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: env.unique('x') }),
        'OptInRequired',
      );
      await rejectsWith(env.ports.ssm.putParameter(s, { name: 'p', value: 'v' }), 'OptInRequired');
    });
  });
}
