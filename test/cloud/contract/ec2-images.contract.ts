// Contract: AMI names, registration, deregistration, copies within one account, clientToken.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasGap, rejectsWith, type EnvFactory } from './env.js';

export function ec2ImagesContract(make: EnvFactory): void {
  describe('EC2 AMIs', () => {
    it('registers an AMI that its owner can describe with its name, platform and tags', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const name = env.unique('build');
      const { imageId } = await env.ports.ec2.registerImage(s, {
        name,
        platform: 'Windows',
        tagSpecifications: [{ resourceType: 'image', tags: [{ key: 'CreatedBy', value: 'EC2 Image Builder' }] }],
      });
      await env.waitAvailable(s, imageId);
      const { images } = await env.ports.ec2.describeImages(s, { imageIds: [imageId] });
      assert.equal(images[0]!.name, name);
      if (hasGap(env, 'amiPlatform')) {
        // RegisterImage takes neither a platform nor (in moto) tags: the AMI is Linux and untagged.
        assert.equal(images[0]!.platform, undefined);
        assert.deepEqual(images[0]!.tags, []);
        return;
      }
      assert.equal(images[0]!.platform, 'windows');
      assert.equal(images[0]!.ownerId, env.fx.owner);
      assert.deepEqual(images[0]!.tags, [{ key: 'CreatedBy', value: 'EC2 Image Builder' }]);
    });

    it('creates an AMI from an instance with its name, description and tags; a second with that name is InvalidAMIName.Duplicate', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const name = env.unique('from-instance');
      const { imageId } = await env.ports.ec2.createImage(s, {
        instanceId: env.fx.buildInstanceId,
        name,
        description: 'built by a pipeline',
        tagSpecifications: [
          { resourceType: 'image', tags: [{ key: 'Ec2ImageBuilderArn', value: 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1' }] },
        ],
      });
      assert.match(imageId, /^ami-[0-9a-f]{8,17}$/);
      await env.waitAvailable(s, imageId);
      const [image] = (await env.ports.ec2.describeImages(s, { imageIds: [imageId] })).images;
      assert.equal(image!.name, name);
      assert.equal(image!.description, 'built by a pipeline');
      assert.equal(image!.ownerId, env.fx.owner);
      assert.deepEqual(image!.tags, [{ key: 'Ec2ImageBuilderArn', value: 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1' }]);
      const again = env.ports.ec2.createImage(s, { instanceId: env.fx.buildInstanceId, name });
      if (hasGap(env, 'amiNameRules')) {
        assert.match((await again).imageId, /^ami-/);
        return;
      }
      await rejectsWith(again, 'InvalidAMIName.Duplicate', 'ec2');
    });

    it('returns InvalidAMIName.Duplicate for a second AMI with the same name in the account and Region', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      if (hasGap(env, 'amiNameRules')) {
        const { imageId } = await env.ports.ec2.registerImage(s, { name: 'base-linux' });
        assert.notEqual(imageId, env.fx.linuxImageId);
        return;
      }
      const err = await rejectsWith(env.ports.ec2.registerImage(s, { name: 'base-linux' }), 'InvalidAMIName.Duplicate', 'ec2');
      assert.match(err.message, /base-linux/);
      assert.match(err.message, new RegExp(env.fx.linuxImageId));
    });

    it('allows the same AMI name in another account or Region', async () => {
      const env = await make();
      await env.ports.ec2.registerImage({ accountId: env.fx.owner, region: env.fx.otherRegion }, { name: 'base-linux' });
      await env.ports.ec2.registerImage({ accountId: env.fx.member, region: env.fx.region }, { name: 'base-linux' });
    });

    it('returns InvalidAMIName.Malformed for names shorter than 3 or longer than 128 characters', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      if (hasGap(env, 'amiNameRules')) {
        assert.match((await env.ports.ec2.registerImage(s, { name: 'ab' })).imageId, /^ami-/);
        assert.match((await env.ports.ec2.registerImage(s, { name: 'a'.repeat(129) })).imageId, /^ami-/);
        return;
      }
      await rejectsWith(env.ports.ec2.registerImage(s, { name: 'ab' }), 'InvalidAMIName.Malformed');
      await rejectsWith(env.ports.ec2.registerImage(s, { name: 'a'.repeat(129) }), 'InvalidAMIName.Malformed');
      await rejectsWith(env.ports.ec2.copyImage(s, { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: 'x' }), 'InvalidAMIName.Malformed');
    });

    it('frees an AMI name when the AMI is deregistered, and hides the AMI', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const name = env.unique('gone');
      const { imageId } = await env.ports.ec2.registerImage(s, { name });
      await env.ports.ec2.deregisterImage(s, { imageId });
      await rejectsWith(env.ports.ec2.describeImages(s, { imageIds: [imageId] }), 'InvalidAMIID.NotFound');
      await env.ports.ec2.registerImage(s, { name });
    });

    it('returns InvalidAMIID.NotFound for an AMI that does not exist or is in another Region', async () => {
      const env = await make();
      await rejectsWith(
        env.ports.ec2.describeImages({ accountId: env.fx.owner, region: env.fx.region }, { imageIds: ['ami-00000000000000000'] }),
        'InvalidAMIID.NotFound',
      );
      await rejectsWith(
        env.ports.ec2.describeImages({ accountId: env.fx.owner, region: env.fx.otherRegion }, { imageIds: [env.fx.linuxImageId] }),
        'InvalidAMIID.NotFound',
      );
    });

    it('copies an AMI to another Region with the given name, description and tags, and records its source', async () => {
      const env = await make();
      const dest = { accountId: env.fx.owner, region: env.fx.otherRegion };
      const name = env.unique('copy');
      const { imageId } = await env.ports.ec2.copyImage(dest, {
        sourceImageId: env.fx.linuxImageId,
        sourceRegion: env.fx.region,
        name,
        description: 'copied',
        tagSpecifications: [{ resourceType: 'image', tags: [{ key: 'k', value: 'v' }] }],
      });
      await env.waitAvailable(dest, imageId);
      const img = (await env.ports.ec2.describeImages(dest, { imageIds: [imageId] })).images[0]!;
      assert.equal(img.name, name);
      assert.equal(img.description, 'copied');
      if (hasGap(env, 'copyImageDetails')) {
        // moto's CopyImage ignores TagSpecifications and does not record the source.
        assert.deepEqual(img.tags, []);
        assert.equal(img.sourceImageId, undefined);
        return;
      }
      assert.deepEqual(img.tags, [{ key: 'k', value: 'v' }]);
      assert.equal(img.sourceImageId, env.fx.linuxImageId);
      assert.equal(img.sourceImageRegion, env.fx.region);
    });

    it('returns the same image for a retried CopyImage with the same clientToken', async () => {
      const env = await make();
      const dest = { accountId: env.fx.owner, region: env.fx.otherRegion };
      const input = { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: env.unique('idem'), clientToken: env.unique('token') };
      const a = await env.ports.ec2.copyImage(dest, input);
      const b = await env.ports.ec2.copyImage(dest, input);
      if (hasGap(env, 'copyImageClientToken')) {
        // moto ignores ClientToken: every retry is another copy.
        assert.notEqual(b.imageId, a.imageId);
        assert.match((await env.ports.ec2.copyImage(dest, { ...input, name: env.unique('other') })).imageId, /^ami-/);
        return;
      }
      assert.equal(b.imageId, a.imageId);
      await rejectsWith(env.ports.ec2.copyImage(dest, { ...input, name: env.unique('other') }), 'IdempotentParameterMismatch');
    });

    it('returns InvalidAMIName.Duplicate when a copy would reuse a name in the destination', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      if (hasGap(env, 'amiNameRules')) {
        assert.match(
          (await env.ports.ec2.copyImage(s, { sourceImageId: env.fx.windowsImageId, sourceRegion: env.fx.region, name: 'base-linux' })).imageId,
          /^ami-/,
        );
        return;
      }
      await rejectsWith(
        env.ports.ec2.copyImage(s, { sourceImageId: env.fx.windowsImageId, sourceRegion: env.fx.region, name: 'base-linux' }),
        'InvalidAMIName.Duplicate',
      );
    });

    it('filters describeImages by owner self and by name wildcard', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const { images } = await env.ports.ec2.describeImages(s, { owners: ['self'], filters: [{ name: 'name', values: ['base-*'] }] });
      assert.ok(images.some((i) => i.imageId === env.fx.linuxImageId));
      assert.ok(images.every((i) => i.ownerId === env.fx.owner && i.name.startsWith('base-')));
    });

    it('returns AuthFailure when modifying an AMI the caller can see but does not own', async () => {
      const env = await make();
      const owner = { accountId: env.fx.owner, region: env.fx.region };
      await env.ports.ec2.modifyImageAttribute(owner, { imageId: env.fx.linuxImageId, launchPermission: { add: [{ userId: env.fx.member }] } });
      // moto keeps every account's AMIs apart: a shared AMI does not exist for the other account.
      const code = hasGap(env, 'crossAccountImages') ? 'InvalidAMIID.NotFound' : 'AuthFailure';
      await rejectsWith(env.ports.ec2.deregisterImage({ accountId: env.fx.member, region: env.fx.region }, { imageId: env.fx.linuxImageId }), code);
    });
  });
}
