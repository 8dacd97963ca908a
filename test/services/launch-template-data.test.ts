// Launch templates keep their whole LaunchTemplateData: what a client sends to
// CreateLaunchTemplate / CreateLaunchTemplateVersion comes back from
// DescribeLaunchTemplateVersions (SDK v3 EC2Client), SourceVersion's data is inherited only when
// named, and a distribution's new version (the engine's port) keeps the template's other settings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeLaunchTemplatesCommand,
  EC2Client,
  type RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
let ec2: EC2Client;
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
  ec2 = new EC2Client({ endpoint: srv.url, region: FX.region, maxAttempts: 1, credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' } });
});
after(async () => {
  ec2?.destroy();
  await srv?.close();
});

const validUntil = new Date('2031-01-02T03:04:05.000Z');
const FULL: RequestLaunchTemplateData = {
  ImageId: FX.linuxImageId,
  InstanceType: 'm7i.large',
  KeyName: 'ops',
  EbsOptimized: true,
  IamInstanceProfile: { Name: 'app-profile' },
  SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0123456789abcdef1'],
  UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
  DisableApiTermination: true,
  InstanceInitiatedShutdownBehavior: 'terminate',
  Monitoring: { Enabled: true },
  Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' },
  BlockDeviceMappings: [
    { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 40, VolumeType: 'gp3', Iops: 4000, Throughput: 250, Encrypted: true, DeleteOnTermination: true } },
  ],
  NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, SubnetId: 'subnet-0123456789abcdef0', Groups: ['sg-0123456789abcdef0'] }],
  TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'team', Value: 'a' }] }],
  MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
  CpuOptions: { CoreCount: 2, ThreadsPerCore: 1 },
  InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.05', SpotInstanceType: 'one-time', ValidUntil: validUntil } },
  CreditSpecification: { CpuCredits: 'unlimited' },
};

describe('launch template data', () => {
  it('returns every field CreateLaunchTemplate was given, with a real CreateTime and VersionDescription', async () => {
    const before = Date.now();
    const made = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'full-data', VersionDescription: 'first', LaunchTemplateData: FULL }));
    const id = made.LaunchTemplate!.LaunchTemplateId!;
    assert.ok(made.LaunchTemplate!.CreateTime!.getTime() >= before - 1000);
    const [v1] = (await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id }))).LaunchTemplateVersions!;
    assert.equal(v1!.VersionDescription, 'first');
    assert.ok(v1!.CreateTime!.getTime() >= before - 1000);
    assert.deepEqual(v1!.LaunchTemplateData, FULL);
  });

  it('builds a new version on SourceVersion’s data only when the request names it', async () => {
    const id = (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['full-data'] }))).LaunchTemplates![0]!.LaunchTemplateId!;
    const v2 = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: id,
        SourceVersion: '1',
        VersionDescription: 'bigger',
        LaunchTemplateData: { InstanceType: 'm7i.xlarge', ImageId: FX.windowsImageId },
      }),
    );
    assert.deepEqual(v2.LaunchTemplateVersion!.LaunchTemplateData, { ...FULL, InstanceType: 'm7i.xlarge', ImageId: FX.windowsImageId });
    assert.equal(v2.LaunchTemplateVersion!.VersionDescription, 'bigger');
    const v3 = await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { InstanceType: 't3.micro' } }));
    assert.deepEqual(v3.LaunchTemplateVersion!.LaunchTemplateData, { InstanceType: 't3.micro' });
    const all = (await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id }))).LaunchTemplateVersions!;
    assert.deepEqual(
      all.map((v) => [v.VersionNumber, v.LaunchTemplateData!.InstanceType, v.DefaultVersion]),
      [
        [1, 'm7i.large', true],
        [2, 'm7i.xlarge', false],
        [3, 't3.micro', false],
      ],
    );
  });

  it('keeps the other settings when a distribution (the engine’s port) swaps the AMI', async () => {
    const id = (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['full-data'] }))).LaunchTemplates![0]!.LaunchTemplateId!;
    const scope = { accountId: FX.owner, region: FX.region };
    const { launchTemplateVersion } = await srv.world.ports.ec2.createLaunchTemplateVersion(scope, {
      launchTemplateId: id,
      launchTemplateData: { imageId: FX.windowsImageId },
    });
    const [v] = (await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [String(launchTemplateVersion.versionNumber)] })))
      .LaunchTemplateVersions!;
    assert.deepEqual(v!.LaunchTemplateData, { ...FULL, ImageId: FX.windowsImageId });
  });

  it('rejects a malformed ImageId in a new version and makes none', async () => {
    const id = (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['full-data'] }))).LaunchTemplates![0]!;
    const err = await failure(
      ec2.send(
        new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id.LaunchTemplateId, LaunchTemplateData: { ImageId: 'image-1', InstanceType: 't3.nano' } }),
      ),
    );
    assert.equal(err.name, 'InvalidAMIID.Malformed');
    const after = (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id.LaunchTemplateId!] }))).LaunchTemplates![0]!;
    assert.equal(after.LatestVersionNumber, id.LatestVersionNumber);
  });
});
