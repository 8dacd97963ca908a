// Contract: the calls lifecycle policies make on output resources — EC2 tag removal (DeleteTags,
// which DISABLE and AVAILABLE use to take off `DeprecatedBy`), deprecation, disable/enable,
// deregistration with its snapshot, and ECR BatchDeleteImage for container images. A backend without the AMI lifecycle calls (`amiLifecycle`)
// must answer them with an error, never pretend (moto answers HTTP 500, which the adapter reports
// as InternalFailure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudScope } from '../../../src/cloud/ports.js';
import { hasGap, rejectsWith, type ContractEnv, type EnvFactory } from './env.js';

/** A fresh AMI of the owner's, with two tags, that the test may change freely. */
async function taggedCopy(env: ContractEnv, s: CloudScope): Promise<string> {
  const { imageId } = await env.ports.ec2.copyImage(s, { sourceImageId: env.fx.linuxImageId, sourceRegion: env.fx.region, name: env.unique('lc') });
  await env.waitAvailable(s, imageId);
  await env.ports.ec2.createTags(s, {
    resources: [imageId],
    tags: [
      { key: 'DeprecatedBy', value: 'EC2 Image Builder' },
      { key: 'Keep', value: 'yes' },
    ],
  });
  return imageId;
}

const tagsOf = async (env: ContractEnv, s: CloudScope, imageId: string): Promise<Record<string, string>> => {
  const img = (await env.ports.ec2.describeImages(s, { imageIds: [imageId], includeDeprecated: true, includeDisabled: true })).images[0]!;
  return Object.fromEntries(img.tags.map((t) => [t.key, t.value]));
};

export function ec2LifecycleContract(make: EnvFactory): void {
  describe('Lifecycle calls on output AMIs and container images', () => {
    it('DeleteTags removes a tag by key, or only when the given value matches, and leaves the others', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const id = await taggedCopy(env, s);
      await env.ports.ec2.deleteTags(s, { resources: [id], tags: [{ key: 'DeprecatedBy', value: 'someone else' }] });
      assert.deepEqual(await tagsOf(env, s, id), { DeprecatedBy: 'EC2 Image Builder', Keep: 'yes' });
      await env.ports.ec2.deleteTags(s, { resources: [id], tags: [{ key: 'DeprecatedBy', value: 'EC2 Image Builder' }] });
      assert.deepEqual(await tagsOf(env, s, id), { Keep: 'yes' });
      await env.ports.ec2.deleteTags(s, { resources: [id], tags: [{ key: 'Keep' }, { key: 'NeverThere' }] });
      assert.deepEqual(await tagsOf(env, s, id), {});
    });

    it('deprecates, disables and re-enables an AMI, or (amiLifecycle gap) refuses to', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const id = await taggedCopy(env, s);
      if (hasGap(env, 'amiLifecycle')) {
        await rejectsWith(env.ports.ec2.enableImageDeprecation(s, { imageId: id, deprecateAt: '2030-01-01T00:00:00.000Z' }), 'InternalFailure', 'ec2');
        await rejectsWith(env.ports.ec2.disableImage(s, { imageId: id }), 'InternalFailure', 'ec2');
        return;
      }
      await env.ports.ec2.enableImageDeprecation(s, { imageId: id, deprecateAt: '2030-01-01T00:00:00.000Z' });
      const shown = (await env.ports.ec2.describeImages(s, { imageIds: [id] })).images[0]!;
      assert.equal(Date.parse(shown.deprecationTime!), Date.parse('2030-01-01T00:00:00.000Z'));
      await env.ports.ec2.disableImageDeprecation(s, { imageId: id });
      assert.equal((await env.ports.ec2.describeImages(s, { imageIds: [id] })).images[0]!.deprecationTime, undefined);
      await env.ports.ec2.disableImage(s, { imageId: id });
      assert.equal((await env.ports.ec2.describeImages(s, { imageIds: [id], includeDisabled: true })).images[0]!.state, 'disabled');
      await env.ports.ec2.enableImage(s, { imageId: id });
      assert.equal((await env.ports.ec2.describeImages(s, { imageIds: [id] })).images[0]!.state, 'available');
    });

    it('deletes the snapshot of a deregistered AMI; a deleted snapshot is InvalidSnapshot.NotFound', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const id = await taggedCopy(env, s);
      const img = (await env.ports.ec2.describeImages(s, { imageIds: [id] })).images[0]!;
      const snapshotId = img.blockDeviceMappings[0]!.ebs.snapshotId;
      await env.ports.ec2.deregisterImage(s, { imageId: id });
      await env.ports.ec2.deleteSnapshot(s, { snapshotId });
      await rejectsWith(env.ports.ec2.deleteSnapshot(s, { snapshotId }), 'InvalidSnapshot.NotFound', 'ec2');
    });

    it('ECR BatchDeleteImage removes a tag, the image with its last tag or by digest, and reports what matched nothing', async () => {
      const env = await make();
      const s = { accountId: env.fx.owner, region: env.fx.region };
      const repositoryName = env.fx.ecrRepository;
      const manifest = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { digest: `sha256:${'a'.repeat(64)}` },
        layers: [],
        note: env.unique('m'),
      });
      const [t1, t2] = [env.unique('v'), env.unique('w')];
      const { image } = await env.ports.ecr.putImage(s, { repositoryName, imageManifest: manifest, imageTag: t1 });
      await env.ports.ecr.putImage(s, { repositoryName, imageManifest: manifest, imageTag: t2 });
      const digest = image.imageId.imageDigest;
      const byTag = await env.ports.ecr.batchDeleteImage(s, { repositoryName, imageIds: [{ imageTag: t1 }] });
      assert.deepEqual(byTag.failures, []);
      assert.deepEqual((await env.ports.ecr.describeImages(s, { repositoryName, imageIds: [{ imageDigest: digest }] })).imageDetails[0]!.imageTags, [t2]);
      const byDigest = await env.ports.ecr.batchDeleteImage(s, { repositoryName, imageIds: [{ imageDigest: digest }] });
      assert.deepEqual(
        byDigest.imageIds.map((i) => i.imageDigest),
        [digest],
      );
      await rejectsWith(env.ports.ecr.describeImages(s, { repositoryName, imageIds: [{ imageDigest: digest }] }), 'ImageNotFoundException', 'ecr');
      const again = await env.ports.ecr.batchDeleteImage(s, { repositoryName, imageIds: [{ imageDigest: digest }] });
      assert.deepEqual([again.imageIds, again.failures.map((f) => f.failureCode)], [[], ['ImageNotFound']]);
      await rejectsWith(
        env.ports.ecr.batchDeleteImage(s, { repositoryName: env.unique('missing'), imageIds: [{ imageTag: 'x' }] }),
        'RepositoryNotFoundException',
        'ecr',
      );
    });
  });
}
