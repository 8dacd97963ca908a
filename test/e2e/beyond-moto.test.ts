// OU following and drift through the AWS adapter against moto: an organization made with the
// Organizations API (an OU with a nested OU) is read at plan time, by the follow sync (an account
// moved in later is found) and by `ibex follow`; drift made by hand with the EC2, SSM and ECR APIs
// (a copy deregistered, a launch permission removed and one added, a template default moved, a
// parameter overwritten, an ECR tag moved on a container image built through the adapter) is
// reported by GET /_ibex/drift and restored by repair. moto's CopyImage cannot copy another
// account's AMI (docs/known-differences.md), so copies into the OU's accounts fail there with
// moto's error and the catch-up run itself is covered in the simulated world; moto has no
// ExportImage, so the export-object kind is simulated-only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLaunchTemplateCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifyLaunchTemplateCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, DescribeImagesCommand as DescribeEcrImagesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateInfrastructureConfigurationCommand,
  DistributeImageCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { MOTO_BASE_CREDENTIALS, MOTO_DEFAULT_ACCOUNT, startMoto, type Moto } from '../cloud/aws/moto.js';
import { waitForImage } from '../helpers/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { call, waitForRun } from '../beyond/api.js';
import { runCli } from '../cli/run-cli.js';

const OWNER = MOTO_DEFAULT_ACCOUNT;
const SHARED_WITH = '111122223333';
const ADDED = '444455556666';
const PARAMETER = '/ibex/beyond/latest';
let moto: Moto;
let srv: TestServer;
let org: OrganizationsClient;
let rootId: string;
let appsId: string;
let appsArn: string;
let members: string[];
let sourceAmi: string;
let templateId: string;
let imageArn: string;
const ec2 = () => new EC2Client({ endpoint: moto.url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });

async function newAccount(name: string): Promise<string> {
  const out = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
  return out.CreateAccountStatus!.AccountId!;
}

before(async () => {
  moto = await startMoto();
  process.env.AWS_ACCESS_KEY_ID = MOTO_BASE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = MOTO_BASE_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  org = new OrganizationsClient({ endpoint: moto.url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const apps = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Apps' }))).OrganizationalUnit!;
  appsId = apps.Id!;
  appsArn = apps.Arn!;
  const team = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: appsId, Name: 'Team' }))).OrganizationalUnit!;
  members = [await newAccount('apps-one'), await newAccount('team-one')];
  await org.send(new MoveAccountCommand({ AccountId: members[0]!, SourceParentId: rootId, DestinationParentId: appsId }));
  await org.send(new MoveAccountCommand({ AccountId: members[1]!, SourceParentId: rootId, DestinationParentId: team.Id! }));
  const e = ec2();
  sourceAmi = (await e.send(new RegisterImageCommand({ Name: `beyond-base-${Date.now()}` }))).ImageId!;
  templateId = (await e.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `beyond-${Date.now()}`, LaunchTemplateData: { ImageId: sourceAmi } })))
    .LaunchTemplate!.LaunchTemplateId!;
  e.destroy();
  srv = await startTestServer({ cloud: 'aws', cloudEndpoint: moto.url, runner: { pollMs: 20 }, followIntervalMs: 0 });
});

after(async () => {
  org?.destroy();
  await srv?.close();
  await moto?.stop();
});

describe('OU following through the AWS adapter against moto', () => {
  let configArn: string;
  it('plans copies to the accounts of the OU and its nested OU, read through Organizations', async () => {
    const c = srv.client(OWNER, 'us-east-1');
    configArn = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'beyond-moto-ou',
          distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'ou {{ imagebuilder:buildDate }}' } }],
          tags: { 'ibex:copyToOrganizationalUnits': appsArn, 'ibex:follow': 'true' },
        }),
      )
    ).distributionConfigurationArn!;
    const plan = await call<{ jobs: { key: string; accountId: string; origin?: string }[] }>(srv.url, 'POST', '/_ibex/plan', {
      distributionConfigurationArn: configArn,
      sourceImage: sourceAmi,
    });
    assert.equal(plan.status, 200);
    assert.deepEqual(
      plan.body.jobs
        .filter((j) => j.key.startsWith('ami:') && j.accountId !== OWNER)
        .map((j) => [j.accountId, j.origin])
        .sort(),
      members.map((m) => [m, appsArn]).sort(),
    );
    // moto looks a cross-account copy's source up in the destination account: those jobs fail with its error.
    imageArn = (
      await c.send(
        new DistributeImageCommand({ sourceImage: sourceAmi, distributionConfigurationArn: configArn, executionRole: 'EC2ImageBuilderDistributionRole' }),
      )
    ).imageBuildVersionArn!;
    const image = await waitForImage(c, imageArn, 60_000);
    assert.equal(image.state?.status, 'FAILED');
    for (const m of members) assert.ok(image.state?.reason?.includes(`destination account (ID: ${m})`), image.state?.reason);
    assert.deepEqual(
      image.outputResources?.amis?.map((a) => a.accountId),
      [OWNER],
    );
  });

  it('the follow sync finds an account moved into the OU later', async () => {
    const joiner = await newAccount('joiner');
    await org.send(new MoveAccountCommand({ AccountId: joiner, SourceParentId: rootId, DestinationParentId: appsId }));
    const sync = await call<{
      configurations: { distributionConfigurationArn: string; members: { accountId: string; ouArn: string }[]; caughtUp: unknown[]; imageArn?: string }[];
    }>(srv.url, 'POST', '/_ibex/follow');
    assert.equal(sync.status, 200);
    const entry = sync.body.configurations.find((e) => e.distributionConfigurationArn === configArn)!;
    assert.deepEqual(entry.members.map((m) => [m.accountId, m.ouArn]).sort(), [...members, joiner].map((m) => [m, appsArn]).sort());
    // No AVAILABLE image was distributed with these settings (moto failed the copies): nothing to catch up.
    assert.equal(entry.imageArn, undefined);
    assert.deepEqual(entry.caughtUp, []);
  });

  it('`ibex follow` shows the OU, its accounts read through Organizations, and no image to catch up', async () => {
    const r = await runCli(['follow', '-s', configArn, '--json', '--endpoint-url', srv.url]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = (
      JSON.parse(r.stdout) as {
        configurations: {
          distributionConfigurationArn: string;
          organizationalUnits: string[];
          follow: boolean;
          members: { accountId: string }[];
          imageArn?: string;
          pending: unknown[];
        }[];
      }
    ).configurations;
    assert.deepEqual(
      [s!.distributionConfigurationArn, s!.organizationalUnits, s!.follow, s!.imageArn, s!.pending],
      [configArn, [appsArn], true, undefined, []],
    );
    assert.equal(s!.members.length, members.length + 1);
  });
});

describe('drift through the AWS adapter against moto', () => {
  it('reports a deregistered copy, a removed launch permission, a moved template default and an overwritten parameter; repair restores them', async () => {
    const c = srv.client(OWNER, 'us-east-1');
    const { distributionConfigurationArn } = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'beyond-moto-drift',
        distributions: [
          {
            region: 'us-east-1',
            amiDistributionConfiguration: { name: 'drift {{ imagebuilder:buildDate }}', launchPermission: { userIds: [SHARED_WITH] } },
            launchTemplateConfigurations: [{ launchTemplateId: templateId }],
            ssmParameterConfigurations: [{ parameterName: PARAMETER }],
          },
          { region: 'us-west-2', amiDistributionConfiguration: { name: 'drift {{ imagebuilder:buildDate }}' } },
        ],
      }),
    );
    imageArn = (
      await c.send(new DistributeImageCommand({ sourceImage: sourceAmi, distributionConfigurationArn, executionRole: 'EC2ImageBuilderDistributionRole' }))
    ).imageBuildVersionArn!;
    const image = await waitForImage(c, imageArn, 60_000);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    type Report = { drift: { kind: string; region: string; resource: string }[]; unchecked: unknown[]; runId?: string };
    const drift = async () => call<Report>(srv.url, 'GET', `/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(imageArn)}`);
    assert.deepEqual((await drift()).body.drift, []);

    const west = image.outputResources!.amis!.find((a) => a.region === 'us-west-2')!.image!;
    const east = image.outputResources!.amis!.find((a) => a.region === 'us-east-1')!.image!;
    const w = new EC2Client({ endpoint: moto.url, region: 'us-west-2', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
    await w.send(new DeregisterImageCommand({ ImageId: west }));
    w.destroy();
    const e = ec2();
    await e.send(new ModifyImageAttributeCommand({ ImageId: east, LaunchPermission: { Remove: [{ UserId: SHARED_WITH }], Add: [{ UserId: ADDED }] } }));
    await e.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '1' }));
    e.destroy();
    const ssm = new SSMClient({ endpoint: moto.url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
    await ssm.send(new PutParameterCommand({ Name: PARAMETER, Value: sourceAmi, Type: 'String', Overwrite: true }));
    ssm.destroy();

    const r = await drift();
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.unchecked, []);
    assert.deepEqual(
      r.body.drift.map((d) => `${d.region} ${d.kind} ${d.resource}`),
      [
        `us-east-1 launchPermissionAdded ${ADDED}`,
        `us-east-1 launchPermissionRemoved ${SHARED_WITH}`,
        `us-east-1 launchTemplateDefaultMoved ${templateId}`,
        `us-east-1 ssmParameterOverwritten ${PARAMETER}`,
        `us-west-2 copyDeregistered ${west}`,
      ],
    );
    const rep = await call<Report>(srv.url, 'POST', '/_ibex/drift/repair', { imageBuildVersionArn: imageArn });
    assert.equal(rep.status, 200);
    assert.equal((await waitForRun(srv.url, rep.body.runId!, 60_000)).status, 'succeeded');
    assert.deepEqual((await drift()).body.drift, []);
    const again = new EC2Client({ endpoint: moto.url, region: 'us-west-2', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
    const live = (await again.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!.filter(
      (i) => i.State === 'available' && i.Name?.startsWith('drift '),
    );
    again.destroy();
    assert.equal(live.length, 1, 'one copy in us-west-2 again');
    assert.notEqual(live[0]!.ImageId, west);
    const perms = ec2();
    const shared = await perms.send(new DescribeImageAttributeCommand({ ImageId: east, Attribute: 'launchPermission' }));
    perms.destroy();
    assert.deepEqual(
      shared.LaunchPermissions?.map((p) => p.UserId),
      [SHARED_WITH],
      'the added principal was revoked, the removed one granted again',
    );
  });

  it('reports an ECR tag moved on a container image built through the adapter, and repair moves it back', async () => {
    const ecr = new ECRClient({ endpoint: moto.url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'beyond-app' }));
    const c = srv.client(OWNER, 'us-east-1');
    const recipe = await c.send(
      new CreateContainerRecipeCommand({
        name: 'beyond-app',
        semanticVersion: '1.0.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
        targetRepository: { service: 'ECR', repositoryName: 'beyond-app' },
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1' }],
      }),
    );
    const infra = await c.send(
      new CreateInfrastructureConfigurationCommand({ name: 'beyond-app-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }),
    );
    const dist = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'beyond-moto-ecr',
        distributions: [
          {
            region: 'us-east-1',
            containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'beyond-app' }, containerTags: ['stable', 'prod'] },
          },
        ],
      }),
    );
    const arn = (
      await c.send(
        new CreateImageCommand({
          containerRecipeArn: recipe.containerRecipeArn,
          infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
          distributionConfigurationArn: dist.distributionConfigurationArn,
        }),
      )
    ).imageBuildVersionArn!;
    const image = await waitForImage(c, arn, 60_000);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const digestOf = async (tag: string) =>
      (await ecr.send(new DescribeEcrImagesCommand({ repositoryName: 'beyond-app', imageIds: [{ imageTag: tag }] }))).imageDetails![0]!.imageDigest!;
    const pushed = await digestOf('stable');
    assert.equal(await digestOf('prod'), pushed);
    type Report = { drift: { kind: string; resource: string; actual: string }[]; unchecked: unknown[]; repair: { jobs: string[] }; runId?: string };
    const drift = async () => call<Report>(srv.url, 'GET', `/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(arn)}`);
    assert.deepEqual((await drift()).body.drift, []);
    const moved = await ecr.send(
      new PutImageCommand({
        repositoryName: 'beyond-app',
        imageManifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          layers: [{ digest: 'sha256:moved-by-hand' }],
        }),
        imageTag: 'stable',
      }),
    );
    const r = await drift();
    assert.deepEqual(r.body.unchecked, []);
    assert.deepEqual(
      r.body.drift.map((d) => [d.kind, d.resource, d.actual]),
      [['ecrTagMoved', 'beyond-app:stable', moved.image!.imageId!.imageDigest!]],
    );
    const rep = await call<Report>(srv.url, 'POST', '/_ibex/drift/repair', { imageBuildVersionArn: arn });
    assert.deepEqual(rep.body.repair.jobs, ['pushContainer:us-east-1']);
    assert.equal((await waitForRun(srv.url, rep.body.runId!, 60_000)).status, 'succeeded');
    assert.deepEqual([await digestOf('stable'), await digestOf('prod')], [pushed, pushed]);
    assert.deepEqual((await drift()).body.drift, []);
    ecr.destroy();
  });
});
