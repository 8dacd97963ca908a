// DistributeImage end to end through the SDK: every feature lands where it should in the world.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { KMS_KEY, LICENSE, ORG_ARN, OU_ARN, OWNER, OWNER_LT, SOURCE_AMI, TARGET, TARGET_LT, testWorld } from '../helpers/world.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 5 }, logLevel: process.env.IBEX_LOG ?? 'silent' })));
after(() => srv.close());

async function config(name: string, distributions: unknown[]): Promise<string> {
  const out = await srv.client().send(new CreateDistributionConfigurationCommand({ name, distributions: distributions as never }));
  return out.distributionConfigurationArn!;
}

describe('DistributeImage', () => {
  describe('serialization', () => {
    it('returns the clientToken and a new image build version ARN without requestId', async () => {
      const arn = await config('ser', [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'ser {{ imagebuilder:buildDate }}' } }]);
      const out = await srv.client().send(
        new DistributeImageCommand({
          sourceImage: SOURCE_AMI,
          distributionConfigurationArn: arn,
          executionRole: 'ImageBuilderRole',
          clientToken: 'dist-ser',
        }),
      );
      assert.equal(out.clientToken, 'dist-ser');
      assert.match(out.imageBuildVersionArn!, /^arn:aws:imagebuilder:us-east-1:123456789012:image\/golden-linux\/1\.0\.0\/\d+$/);
      assert.equal((out as { requestId?: string }).requestId, undefined);
      await waitForImage(srv.client(), out.imageBuildVersionArn!);
    });
  });

  describe('validation', () => {
    it('rejects an unknown AMI with ResourceNotFoundException', async () => {
      const arn = await config('val-missing', [{ region: 'us-east-1', amiDistributionConfiguration: {} }]);
      const err = await errorOf(() =>
        srv.client().send(new DistributeImageCommand({ sourceImage: 'ami-0deadbeefdeadbeef', distributionConfigurationArn: arn, executionRole: 'r' })),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
    });

    it('rejects an executionRole that does not match the pattern', async () => {
      const arn = await config('val-role', [{ region: 'us-east-1', amiDistributionConfiguration: {} }]);
      const err = await errorOf(() =>
        srv.client().send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: arn, executionRole: 'bad role!' })),
      );
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'executionRole'"));
    });

    it('rejects an unknown distribution configuration with ResourceNotFoundException', async () => {
      const err = await errorOf(() =>
        srv.client().send(
          new DistributeImageCommand({
            sourceImage: SOURCE_AMI,
            distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none',
            executionRole: 'r',
          }),
        ),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
    });
  });

  describe('behaviour', () => {
    it('delivers AMIs, copies, permissions, templates, parameters, exports and licenses as configured', async () => {
      const arn = await config('everything', [
        {
          region: 'us-east-1',
          amiDistributionConfiguration: {
            name: 'app-{{ imagebuilder:buildVersion }}-{{imagebuilder:buildDate}}',
            description: 'built {{imagebuilder:buildDate:yyyy}}',
            amiTags: { team: 'platform', build: '{{imagebuilder:buildVersion}}' },
            launchPermission: { userIds: ['210987654321'], organizationArns: [ORG_ARN], organizationalUnitArns: [OU_ARN] },
          },
        },
        {
          region: 'us-west-2',
          amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET], kmsKeyId: KMS_KEY },
          launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT }, { launchTemplateId: TARGET_LT, accountId: TARGET, setDefaultVersion: false }],
          ssmParameterConfigurations: [
            { parameterName: '/ibex/latest', dataType: 'aws:ec2:image' },
            { parameterName: '/ibex/prod', amiAccountId: TARGET },
          ],
          s3ExportConfiguration: { roleName: 'vmimport', diskImageFormat: 'RAW', s3Bucket: 'ibex-test-exports', s3Prefix: 'exports/' },
          licenseConfigurationArns: [LICENSE],
        },
      ]);
      const { imageBuildVersionArn: imageArn } = await srv
        .client()
        .send(
          new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: arn, executionRole: 'ImageBuilderRole', tags: { run: 'all' } }),
        );
      const image = await waitForImage(srv.client(), imageArn!);
      assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
      const build = Number(imageArn!.split('/').pop());
      const year = String(new Date().getUTCFullYear());

      const amis = image.outputResources?.amis ?? [];
      assert.deepEqual(amis.map((a) => `${a.region}/${a.accountId}`).sort(), [`us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`]);
      const world = srv.world.snapshot();
      const byId = new Map(world.images.map((i) => [i.imageId, i]));

      const east = byId.get(amis.find((a) => a.region === 'us-east-1')!.image!)!;
      assert.match(east.name, new RegExp(`^app-${build}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z$`));
      assert.equal(east.description, `built ${year}`);
      assert.equal(east.tags.team, 'platform');
      assert.equal(east.tags.build, String(build));
      assert.equal(east.tags.CreatedBy, 'EC2 Image Builder');
      assert.equal(east.tags.Ec2ImageBuilderArn, imageArn);
      assert.deepEqual(east.launchPermissions.userIds, ['210987654321']);
      assert.deepEqual(east.launchPermissions.organizationArns, [ORG_ARN]);
      assert.deepEqual(east.launchPermissions.organizationalUnitArns, [OU_ARN]);

      const westOwner = byId.get(amis.find((a) => a.region === 'us-west-2' && a.accountId === OWNER)!.image!)!;
      const westTarget = byId.get(amis.find((a) => a.region === 'us-west-2' && a.accountId === TARGET)!.image!)!;
      assert.equal(westOwner.accountId, OWNER);
      assert.equal(westTarget.accountId, TARGET);
      assert.equal(westOwner.sourceImageId, SOURCE_AMI);
      assert.equal(westOwner.sourceRegion, 'us-east-1');
      // A target account's copy is made from the owner's AMI in the same Region.
      assert.equal(westTarget.sourceImageId, westOwner.imageId);
      assert.equal(westTarget.sourceRegion, 'us-west-2');
      for (const w of [westOwner, westTarget]) {
        assert.equal(w.encrypted, true);
        assert.equal(w.description ?? undefined, undefined, 'copies outside the build Region get no description');
        assert.equal(w.tags.CreatedBy, 'EC2 Image Builder');
      }
      assert.deepEqual(westOwner.licenseConfigurationArns, [LICENSE]);

      const lts = new Map(world.launchTemplates.map((t) => [t.launchTemplateId, t]));
      const ownerLt = lts.get(OWNER_LT)!;
      assert.equal(ownerLt.latestVersion, 2);
      assert.equal(ownerLt.defaultVersion, 2);
      assert.equal(ownerLt.versions.find((v) => v.versionNumber === 2)?.imageId, westOwner.imageId);
      const targetLt = lts.get(TARGET_LT)!;
      assert.equal(targetLt.latestVersion, 2);
      assert.equal(targetLt.defaultVersion, 1, 'setDefaultVersion:false keeps the default');
      // AWS writes the source account's AMI id into target accounts' templates too (facts §1.6).
      assert.equal(targetLt.versions.find((v) => v.versionNumber === 2)?.imageId, westOwner.imageId);

      const params = new Map(world.ssmParameters.map((p) => [`${p.accountId}:${p.name}`, p]));
      assert.equal(params.get(`${OWNER}:/ibex/latest`)?.value, westOwner.imageId);
      assert.equal(params.get(`${OWNER}:/ibex/latest`)?.dataType, 'aws:ec2:image');
      assert.equal(params.get(`${TARGET}:/ibex/prod`)?.value, westTarget.imageId);

      const exported = world.s3Objects.filter((o) => o.bucket === 'ibex-test-exports');
      assert.equal(exported.length, 1);
      assert.match(exported[0]!.key, /^exports\/export-ami-[0-9a-f]+\.raw$/);
      assert.deepEqual(image.tags, { run: 'all' });
      assert.equal(image.distributionConfiguration?.arn, arn);
    });

    it("names the AMI '<image name> <timestamp>' when the configuration names none", async () => {
      const cfg = await config('default-name', [{ region: 'us-east-1', amiDistributionConfiguration: { amiTags: { k: 'v' } } }]);
      const { imageBuildVersionArn } = await srv
        .client()
        .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
      const image = await waitForImage(srv.client(), imageBuildVersionArn!);
      assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
      const ami = image.outputResources!.amis![0]!;
      assert.match(ami.name!, /^golden-linux \d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/);
      assert.notEqual(ami.image, SOURCE_AMI, 'EC2 cannot rename an AMI, so a new name means a copy');
      const copy = srv.world.snapshot().images.find((i) => i.imageId === ami.image)!;
      assert.equal(copy.tags.k, 'v');
      assert.equal(copy.accountId, OWNER);
    });

    it('distributes from an ssm: parameter and from a previous image ARN', async () => {
      const cfg = await config('ssm-src', [
        {
          region: 'us-east-1',
          amiDistributionConfiguration: { name: 'from-ssm {{ imagebuilder:buildDate }}' },
          ssmParameterConfigurations: [{ parameterName: '/ibex/src' }],
        },
      ]);
      const first = await srv.client().send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
      const firstImage = await waitForImage(srv.client(), first.imageBuildVersionArn!);
      assert.equal(firstImage.state?.status, 'AVAILABLE', firstImage.state?.reason);
      const viaSsm = await srv
        .client()
        .send(new DistributeImageCommand({ sourceImage: 'ssm:/ibex/src', distributionConfigurationArn: cfg, executionRole: 'r' }));
      const ssmImage = await waitForImage(srv.client(), viaSsm.imageBuildVersionArn!);
      assert.equal(ssmImage.state?.status, 'AVAILABLE', ssmImage.state?.reason);
      const ssmCopy = srv.world.snapshot().images.find((i) => i.imageId === ssmImage.outputResources!.amis![0]!.image)!;
      assert.equal(ssmCopy.sourceImageId, firstImage.outputResources!.amis![0]!.image);

      const viaArn = await srv
        .client()
        .send(new DistributeImageCommand({ sourceImage: first.imageBuildVersionArn, distributionConfigurationArn: cfg, executionRole: 'r' }));
      const [name, version, n] = first.imageBuildVersionArn!.split('/').slice(-3);
      assert.equal(
        viaArn.imageBuildVersionArn,
        first.imageBuildVersionArn!.replace(new RegExp(`${name}/${version}/${n}$`), `${name}/${version}/${Number(n) + 1}`),
      );
      const arnImage = await waitForImage(srv.client(), viaArn.imageBuildVersionArn!);
      assert.equal(arnImage.state?.status, 'AVAILABLE', arnImage.state?.reason);
    });
  });
});
