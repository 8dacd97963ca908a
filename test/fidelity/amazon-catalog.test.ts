// Regression (#20): Amazon's catalog in the starter world — the parents Image Builder lists
// (Amazon Linux 2023/2, Windows Server 2019/2022/2025, Ubuntu), several versions each, with
// display names and osVersions, `x.x.x` resolution, GetImage of Amazon ARNs, Amazon components
// with their published versions, the public SSM parameters and the AWS-managed EBS key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DistributeImageCommand,
  GetComponentCommand,
  GetImageCommand,
  ListComponentsCommand,
  ListImageBuildVersionsCommand,
  ListImagesCommand,
  type ImageVersion,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { AMAZON_CATALOG } from '../../src/domain/amazon-catalog.js';
import { STARTER, starterImageId } from '../../src/world/index.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ timings: { copyImageMs: 0, exportImageMs: 0, fastLaunchMs: 0 }, runner: { pollMs: 5 } })));
after(() => srv.close());

const R = 'us-east-1';
const arn = (id: string, v = 'x.x.x') => `arn:aws:imagebuilder:${R}:aws:image/${id}/${v}`;

async function amazonVersions(filters: { name: string; values: string[] }[] = []): Promise<ImageVersion[]> {
  const all: ImageVersion[] = [];
  let nextToken: string | undefined;
  do {
    const out = await srv
      .client()
      .send(new ListImagesCommand({ owner: 'Amazon', ...(filters.length ? { filters } : {}), ...(nextToken ? { nextToken } : {}) }));
    all.push(...(out.imageVersionList ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  return all;
}

describe("Amazon's managed images", () => {
  it('lists every catalog parent with its display name, osVersion and three versions', async () => {
    const list = await amazonVersions();
    const ids = [...new Set(list.map((v) => v.arn!.split('/')[1]))].sort();
    assert.deepEqual(ids, AMAZON_CATALOG.images.map((i) => i.id).sort());
    for (const id of [
      'amazon-linux-2023-x86',
      'amazon-linux-2-x86',
      'windows-server-2019-english-full-base-x86',
      'windows-server-2022-english-full-base-x86',
      'windows-server-2025-english-full-base-x86',
      'ubuntu-server-22-lts-x86',
    ]) {
      assert.equal(list.filter((v) => v.arn!.split('/')[1] === id).length, 3, id);
    }
    const al2 = list.find((v) => v.arn === arn('amazon-linux-2-x86', '2025.3.12'))!;
    assert.deepEqual(
      {
        name: al2.name,
        type: al2.type,
        version: al2.version,
        platform: al2.platform,
        osVersion: al2.osVersion,
        owner: al2.owner,
        imageSource: al2.imageSource,
      },
      {
        name: 'Amazon Linux 2 x86',
        type: 'AMI',
        version: '2025.3.12',
        platform: 'Linux',
        osVersion: 'Amazon Linux 2',
        owner: 'Amazon',
        imageSource: 'AMAZON_MANAGED',
      },
    );
    assert.equal(list.find((v) => v.arn === arn('amazon-linux-x86-latest', '2025.3.12'))?.type, 'DOCKER');
  });

  it('filters by osVersion as AWS names it', async () => {
    const list = await amazonVersions([
      { name: 'osVersion', values: ['Amazon Linux 2023'] },
      { name: 'type', values: ['AMI'] },
    ]);
    assert.deepEqual([...new Set(list.map((v) => v.name))].sort(), ['Amazon Linux 2023 ARM64', 'Amazon Linux 2023 x86']);
    const win = await amazonVersions([{ name: 'osVersion', values: ['Microsoft Windows Server 2025'] }]);
    assert.deepEqual([...new Set(win.map((v) => v.name))], ['Windows Server 2025 English Full Base x86']);
  });

  it('answers GetImage for an Amazon ARN: x.x.x resolves to the newest version, a version to itself', async () => {
    const c = srv.client();
    const { image } = await c.send(new GetImageCommand({ imageBuildVersionArn: arn('amazon-linux-2023-x86') }));
    assert.equal(image?.arn, arn('amazon-linux-2023-x86', '2025.3.12/1'));
    assert.equal(image?.name, 'Amazon Linux 2023 x86');
    assert.equal(image?.version, '2025.3.12/1');
    assert.equal(image?.osVersion, 'Amazon Linux 2023');
    assert.equal(image?.state?.status, 'AVAILABLE');
    assert.equal(image?.imageSource, 'AMAZON_MANAGED');
    // The newest Amazon Linux 2023 x86 AMI is the one the README and demo distribute.
    assert.equal(image?.outputResources?.amis?.[0]?.image, starterImageId(R, 'Linux'));
    assert.match(image?.outputResources?.amis?.[0]?.name ?? '', /^al2023-ami-2023\.6\.20250312\.0-kernel-6\.1-x86_64$/);
    const older = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn('windows-server-2022-english-full-base-x86', '2025.1.10') }))).image;
    assert.equal(older?.version, '2025.1.10/1');
    assert.equal(older?.platform, 'Windows');
    assert.equal(older?.osVersion, 'Microsoft Windows Server 2022');
    const build = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn('amazon-linux-2-x86', '2025.2.14/1') }))).image;
    assert.equal(build?.version, '2025.2.14/1');
    const e = await errorOf(() => c.send(new GetImageCommand({ imageBuildVersionArn: arn('amazon-linux-2-x86', '1999.1.1') })));
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal(e.$metadata.httpStatusCode, 404);
    const builds = await c.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn('ubuntu-server-22-lts-x86', '2025.2.14') }));
    assert.deepEqual(
      builds.imageSummaryList?.map((s) => [s.arn, s.name, s.osVersion]),
      [[arn('ubuntu-server-22-lts-x86', '2025.2.14/1'), 'Ubuntu Server 22 LTS x86', 'Ubuntu 22']],
    );
  });
});

describe("Amazon's components", () => {
  it('has the published versions of the common components, x.x.x resolving to the newest', async () => {
    const c = srv.client();
    const comp = (name: string, v: string) => `arn:aws:imagebuilder:${R}:aws:component/${name}/${v}`;
    const pinned = (await c.send(new GetComponentCommand({ componentBuildVersionArn: comp('update-linux', '1.0.0/1') }))).component;
    assert.equal(pinned?.version, '1.0.0');
    assert.equal(pinned?.owner, 'Amazon');
    const latest = (await c.send(new GetComponentCommand({ componentBuildVersionArn: comp('aws-cli-version-2-linux', 'x.x.x') }))).component;
    assert.equal(latest?.arn, comp('aws-cli-version-2-linux', '1.0.4/1'));
    const list = await c.send(new ListComponentsCommand({ owner: 'Amazon', filters: [{ name: 'name', values: ['aws-cli-version-2-linux'] }] }));
    assert.deepEqual(list.componentVersionList?.map((v) => v.version).sort(), ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4']);
  });

  it('lets recipes name Amazon parents and pinned components as Terraform does', async () => {
    const c = srv.client();
    const recipe = await c.send(
      new CreateImageRecipeCommand({
        name: 'tf-style',
        semanticVersion: '1.0.0',
        parentImage: arn('amazon-linux-2-x86'),
        components: [{ componentArn: `arn:aws:imagebuilder:${R}:aws:component/update-linux/1.0.0` }],
      }),
    );
    assert.equal(recipe.imageRecipeArn, `arn:aws:imagebuilder:${R}:${STARTER.managementAccountId}:image-recipe/tf-style/1.0.0`);
    const container = await c.send(
      new CreateContainerRecipeCommand({
        name: 'tf-container',
        semanticVersion: '1.0.0',
        containerType: 'DOCKER',
        parentImage: arn('amazon-linux-x86-latest'),
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n',
        components: [{ componentArn: `arn:aws:imagebuilder:${R}:aws:component/update-linux/x.x.x` }],
        targetRepository: { service: 'ECR', repositoryName: STARTER.ecrRepository },
      }),
    );
    assert.equal(container.containerRecipeArn, `arn:aws:imagebuilder:${R}:${STARTER.managementAccountId}:container-recipe/tf-container/1.0.0`);
  });
});

describe('public SSM parameters and the AWS-managed EBS key', () => {
  it('has /aws/service/ami-…-latest parameters naming the newest Amazon AMIs, readable by any account', async () => {
    const scope = { accountId: STARTER.prodAccountId, region: R };
    const al = await srv.world.ports.ssm.getParameter(scope, { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' });
    assert.equal(al.parameter.value, starterImageId(R, 'Linux'));
    const win = await srv.world.ports.ssm.getParameter(scope, { name: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base' });
    assert.equal(win.parameter.value, starterImageId(R, 'Windows'));
    const al2 = await srv.world.ports.ssm.getParameter(scope, { name: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2' });
    const { image } = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn('amazon-linux-2-x86') }));
    assert.equal(al2.parameter.value, image?.outputResources?.amis?.[0]?.image);
    await assert.rejects(srv.world.ports.ssm.getParameter(scope, { name: '/aws/service/ami-amazon-linux-latest/no-such' }), { code: 'ParameterNotFound' });
  });

  it('distributes from ssm:/aws/service/… as DistributeImage allows', async () => {
    const c = srv.client(STARTER.managementAccountId);
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'from-public-param',
          distributions: [{ region: R, amiDistributionConfiguration: { name: 'pp {{ imagebuilder:buildDate }}' } }],
        }),
      )
    ).distributionConfigurationArn!;
    const out = await c.send(
      new DistributeImageCommand({
        sourceImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        distributionConfigurationArn: cfg,
        executionRole: 'EC2ImageBuilderDistributionRole',
      }),
    );
    const image = await waitForImage(c, out.imageBuildVersionArn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const made = srv.world.snapshot().images.find((i) => i.imageId === image.outputResources!.amis![0]!.image);
    assert.equal(made?.accountId, STARTER.managementAccountId);
  });

  it('resolves alias/aws/ebs in every account, and a world file may encrypt an AMI with it', async () => {
    const key = await srv.world.ports.kms.describeKey({ accountId: STARTER.devAccountId, region: 'eu-west-1' }, { keyId: 'alias/aws/ebs' });
    assert.equal(key.keyMetadata.keyManager, 'AWS');
    srv.world.merge({
      accounts: [
        {
          id: STARTER.devAccountId,
          images: [
            { region: 'eu-west-1', imageId: 'ami-0e0e0e0e0e0e0e0e0', name: 'dev-encrypted', platform: 'Linux', encrypted: true, kmsKeyId: 'alias/aws/ebs' },
          ],
        },
      ],
    });
    const img = srv.world.snapshot().images.find((i) => i.imageId === 'ami-0e0e0e0e0e0e0e0e0')!;
    assert.equal(img.kmsKeyId, key.keyMetadata.arn);
    assert.equal(img.encrypted, true);
  });
});

describe('images built on an Amazon parent', () => {
  it("report the parent's osVersion", async () => {
    const c = srv.client();
    const recipe = await c.send(new CreateImageRecipeCommand({ name: 'on-al2', semanticVersion: '1.0.0', parentImage: arn('amazon-linux-2-x86') }));
    const infra = await c.send(
      new CreateInfrastructureConfigurationCommand({ name: 'on-al2-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }),
    );
    const out = await c.send(
      new CreateImageCommand({ imageRecipeArn: recipe.imageRecipeArn!, infrastructureConfigurationArn: infra.infrastructureConfigurationArn! }),
    );
    const { image } = await c.send(new GetImageCommand({ imageBuildVersionArn: out.imageBuildVersionArn! }));
    assert.equal(image?.osVersion, 'Amazon Linux 2');
    const list = await c.send(new ListImagesCommand({ filters: [{ name: 'osVersion', values: ['Amazon Linux 2'] }] }));
    assert.deepEqual(
      list.imageVersionList?.map((v) => v.name),
      ['on-al2'],
    );
  });
});
