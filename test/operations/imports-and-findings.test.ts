// Imports, packages, scan findings and Marketplace through the SDK: imported images are IMPORTED
// AMIs in the world, a disk image must be an S3 object the caller can read, shell scripts become
// components, findings are deterministic and only for scanned images, aggregations add them up.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateInfrastructureConfigurationCommand,
  GetComponentCommand,
  GetImageCommand,
  GetMarketplaceResourceCommand,
  ImportComponentCommand,
  ImportDiskImageCommand,
  ImportVmImageCommand,
  ListImagePackagesCommand,
  ListImageScanFindingAggregationsCommand,
  ListImageScanFindingsCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5, logLevel: 'silent' })));
after(() => srv.close());

const world = async () =>
  (await (await fetch(`${srv.url}/_ibex/world`)).json()) as { images: { imageId: string; accountId: string; tags: Record<string, string>; state: string }[] };

describe('ImportVmImage', () => {
  it('makes an IMPORTED image of a new AMI in the caller’s account', async () => {
    const out = await srv.client().send(
      new ImportVmImageCommand({
        name: 'legacy-vm',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        osVersion: 'Amazon Linux 2',
        vmImportTaskId: 'import-ami-0123456789abcdef0',
        clientToken: 'vm-1',
      }),
    );
    assert.equal(out.imageArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image/legacy-vm/1.0.0/1`);
    assert.equal(out.clientToken, 'vm-1');
    const img = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: out.imageArn }))).image!;
    assert.deepEqual([img.state?.status, img.imageSource, img.buildType, img.osVersion], ['AVAILABLE', 'IMPORTED', 'IMPORT', 'Amazon Linux 2']);
    const ami = (await world()).images.find((i) => i.imageId === img.outputResources!.amis![0]!.image)!;
    assert.equal(ami.accountId, OWNER);
    assert.equal(ami.tags.CreatedBy, 'EC2 Image Builder');
    const pk = await srv.client().send(new ListImagePackagesCommand({ imageBuildVersionArn: out.imageArn }));
    assert.ok(pk.imagePackageList!.some((p) => p.packageName === 'openssl'));
  });

  it('rejects a malformed task id with ClientException', async () => {
    const err = await errorOf(() =>
      srv.client().send(new ImportVmImageCommand({ name: 'bad-vm', semanticVersion: '1.0.0', platform: 'Linux', vmImportTaskId: 'task-1' })),
    );
    assert.equal(err.name, 'ClientException');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.match(err.message, /not a VM Import task id/);
  });
});

describe('ImportDiskImage', () => {
  it('imports an ISO object from S3 and refuses a missing object or another account’s bucket', async () => {
    await srv.world.ports.s3.putObject({ accountId: OWNER, region: 'us-west-2' }, { bucket: 'ibex-test-exports', key: 'iso/win11.iso', body: 'iso' });
    const infra = await srv
      .client()
      .send(new CreateInfrastructureConfigurationCommand({ name: 'iso-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }));
    const base = {
      name: 'win11',
      semanticVersion: '1.0.0',
      platform: 'Windows',
      osVersion: 'Microsoft Windows 11',
      infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
    };
    const out = await srv.client().send(new ImportDiskImageCommand({ ...base, uri: 's3://ibex-test-exports/iso/win11.iso' }));
    const img = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: out.imageBuildVersionArn }))).image!;
    assert.deepEqual([img.state?.status, img.imageSource, img.buildType, img.platform], ['AVAILABLE', 'IMPORTED', 'IMPORT_ISO', 'Windows']);
    const missing = await errorOf(() => srv.client().send(new ImportDiskImageCommand({ ...base, uri: 's3://ibex-test-exports/iso/none.iso' })));
    assert.equal(missing.name, 'ClientException');
    assert.match(missing.message, /does not exist/);
    const infraT = await srv.client(TARGET).send(new CreateInfrastructureConfigurationCommand({ name: 'iso-infra', instanceProfileName: 'p' }));
    const denied = await errorOf(() =>
      srv.client(TARGET).send(
        new ImportDiskImageCommand({
          ...base,
          infrastructureConfigurationArn: infraT.infrastructureConfigurationArn!,
          uri: 's3://ibex-test-exports/iso/win11.iso',
        }),
      ),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.$metadata.httpStatusCode, 403);
  });
});

describe('ImportComponent', () => {
  it('wraps a shell script into a component document', async () => {
    const out = await srv
      .client()
      .send(
        new ImportComponentCommand({ name: 'hello-shell', semanticVersion: '1.0.0', type: 'BUILD', format: 'SHELL', platform: 'Linux', data: 'echo hello' }),
      );
    const c = (await srv.client().send(new GetComponentCommand({ componentBuildVersionArn: out.componentBuildVersionArn }))).component!;
    assert.equal(c.type, 'BUILD');
    assert.match(c.data!, /action: ExecuteBash/);
    assert.match(c.data!, /echo hello/);
    const err = await errorOf(() =>
      srv
        .client()
        .send(
          new ImportComponentCommand({ name: 'both', semanticVersion: '1.0.0', type: 'BUILD', format: 'SHELL', platform: 'Linux', data: 'x', uri: 's3://b/k' }),
        ),
    );
    assert.equal(err.name, 'InvalidParameterCombinationException');
  });
});

describe('scan findings', () => {
  it('lists deterministic findings only for scanned images and aggregates them', async () => {
    const c = srv.client();
    const scanned = await c.send(new CreateImageCommand({ ...(await buildInputs(c, 'scanned')), imageScanningConfiguration: { imageScanningEnabled: true } }));
    const plain = await c.send(new CreateImageCommand(await buildInputs(c, 'not-scanned')));
    await waitForImage(c, scanned.imageBuildVersionArn!);
    await waitForImage(c, plain.imageBuildVersionArn!);
    const all = (await c.send(new ListImageScanFindingsCommand({}))).findings!;
    assert.ok(all.length > 0);
    assert.ok(all.every((f) => f.imageBuildVersionArn === scanned.imageBuildVersionArn && f.awsAccountId === OWNER));
    const again = (await c.send(new ListImageScanFindingsCommand({ filters: [{ name: 'imageBuildVersionArn', values: [scanned.imageBuildVersionArn!] }] })))
      .findings!;
    assert.deepEqual(again, all);
    const high = (await c.send(new ListImageScanFindingsCommand({ filters: [{ name: 'severity', values: ['HIGH'] }] }))).findings!;
    assert.deepEqual(
      high,
      all.filter((f) => f.severity === 'HIGH'),
    );
    const agg = await c.send(new ListImageScanFindingAggregationsCommand({}));
    assert.equal(agg.aggregationType, 'accountId');
    assert.deepEqual(agg.responses, [
      {
        accountAggregation: {
          accountId: OWNER,
          severityCounts: {
            all: all.length,
            critical: all.filter((f) => f.severity === 'CRITICAL').length,
            high: high.length,
            medium: all.filter((f) => f.severity === 'MEDIUM').length,
          },
        },
      },
    ]);
    const byImage = await c.send(
      new ListImageScanFindingAggregationsCommand({ filter: { name: 'imageBuildVersionArn', values: [plain.imageBuildVersionArn!] } }),
    );
    assert.deepEqual(byImage.responses, []);
    const bad = await errorOf(() => c.send(new ListImageScanFindingsCommand({ filters: [{ name: 'colour', values: ['x'] }] })));
    assert.equal(bad.name, 'InvalidParameterValueException');
  });
});

describe('GetMarketplaceResource', () => {
  it('answers InvalidRequestException: the world has no Marketplace subscriptions', async () => {
    const err = await errorOf(() =>
      srv.client().send(
        new GetMarketplaceResourceCommand({
          resourceType: 'COMPONENT_DATA',
          resourceArn: 'arn:aws:imagebuilder:us-east-1:aws-marketplace:component/some-product/1.0.0/1',
        }),
      ),
    );
    assert.equal(err.name, 'InvalidRequestException');
    assert.match(err.message, /not subscribed/);
  });
});
