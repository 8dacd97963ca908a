// The snapshot's field names are a contract (docs/world.md); filters narrow it by account and Region.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FX, simulatedEnv } from '../cloud/simulated-env.js';

const owner = { accountId: FX.owner, region: FX.region };

describe('world snapshot', () => {
  it('uses exactly the field names of docs/world.md', async () => {
    const env = simulatedEnv();
    await env.ports.ec2.enableFastLaunch(owner, { imageId: FX.windowsImageId, maxParallelLaunches: 6 });
    await env.ports.ecr.putImage(owner, { repositoryName: 'app', imageManifest: '{}', imageTag: 'v1' });
    await env.ports.ssm.putParameter(owner, { name: '/p', value: 'v' });
    await env.ports.ec2.exportImage(owner, {
      imageId: FX.linuxImageId,
      diskImageFormat: 'RAW',
      s3ExportLocation: { s3Bucket: FX.exportBucket },
      roleName: 'vmimport',
    });
    const s = env.world.snapshot();
    const keys = (o: object) => Object.keys(o).sort();
    for (const k of ['accounts', 'organizations', 'images', 'launchTemplates', 'ecrRepositories', 's3Objects', 'ssmParameters', 'exportTasks'])
      assert.ok(k in s, k);
    assert.deepEqual(
      keys(s.accounts[0]!).filter((k) => k !== 'amazonManaged'),
      ['disabledRegions', 'id', 'imageBlockPublicAccess', 'name', 'roles'],
    );
    assert.deepEqual(keys(s.organizations[0]!), ['accounts', 'id', 'managementAccountId', 'units']);
    const img = s.images.find((i) => i.imageId === FX.windowsImageId)!;
    assert.deepEqual(keys(img), [
      'accountId',
      'creationDate',
      'deprecationTime',
      'description',
      'encrypted',
      'fastLaunch',
      'imageId',
      'kmsKeyId',
      'launchPermissions',
      'licenseConfigurationArns',
      'name',
      'platform',
      'region',
      'snapshot',
      'sourceImageId',
      'sourceRegion',
      'state',
      'tags',
    ]);
    assert.deepEqual(keys(img.launchPermissions), ['organizationArns', 'organizationalUnitArns', 'userGroups', 'userIds']);
    assert.deepEqual(keys(img.fastLaunch!), ['launchTemplate', 'maxParallelLaunches', 'state', 'targetResourceCount']);
    assert.ok(['pending', 'available', 'failed', 'deregistered'].includes(img.state));
    assert.deepEqual(
      keys(s.launchTemplates[0]!).filter((k) => k !== 'tags'),
      ['accountId', 'defaultVersion', 'latestVersion', 'launchTemplateId', 'name', 'region', 'versions'],
    );
    assert.deepEqual(keys(s.launchTemplates[0]!.versions[0]!), ['imageId', 'versionNumber']);
    assert.deepEqual(keys(s.ecrRepositories[0]!), ['accountId', 'images', 'region', 'repositoryName', 'repositoryUri']);
    assert.deepEqual(keys(s.ecrRepositories[0]!.images[0]!), ['imageDigest', 'imageTags']);
    assert.deepEqual(keys(s.s3Objects[0]!), ['accountId', 'bucket', 'key', 'region', 'size']);
    assert.deepEqual(keys(s.ssmParameters[0]!), ['accountId', 'dataType', 'name', 'region', 'value', 'version']);
    assert.deepEqual(keys(s.exportTasks[0]!), ['accountId', 'diskImageFormat', 'exportImageTaskId', 'imageId', 'region', 's3Bucket', 's3Prefix', 'status']);
  });

  it('shows a deregistered AMI as deregistered and a copy with its source', async () => {
    const env = simulatedEnv();
    const { imageId } = await env.ports.ec2.copyImage(
      { accountId: FX.owner, region: FX.otherRegion },
      { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'copy' },
    );
    await env.ports.ec2.deregisterImage(owner, { imageId: FX.windowsImageId });
    const s = env.world.snapshot();
    assert.equal(s.images.find((i) => i.imageId === FX.windowsImageId)!.state, 'deregistered');
    const copy = s.images.find((i) => i.imageId === imageId)!;
    assert.deepEqual([copy.sourceImageId, copy.sourceRegion, copy.accountId, copy.region], [FX.linuxImageId, FX.region, FX.owner, FX.otherRegion]);
  });

  it('narrows to one account and Region', () => {
    const env = simulatedEnv();
    const s = env.world.snapshot({ accountId: FX.owner, region: FX.otherRegion });
    assert.deepEqual(
      s.images.map((i) => i.imageId),
      [FX.blocked.imageId],
    );
    assert.deepEqual(
      s.accounts.map((a) => a.id),
      [FX.owner],
    );
    assert.deepEqual(s.launchTemplates, []);
    const member = env.world.snapshot({ accountId: FX.member });
    assert.deepEqual(
      member.launchTemplates.map((t) => t.launchTemplateId),
      [FX.memberLaunchTemplateId],
    );
    assert.equal(member.organizations.length, 1);
    assert.equal(env.world.snapshot({ accountId: FX.outsider }).organizations.length, 0);
  });
});
