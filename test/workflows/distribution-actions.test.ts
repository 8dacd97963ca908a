// The DISTRIBUTION step actions with the image's distribution configuration, through the AWS SDK:
// DistributeImage without inputs copies as the configuration says (AMI part only),
// ModifyImageAttributes shares with the configuration's launch permissions and
// ApplyImageConfigurations sets its launch template and SSM parameter — in the world, with the
// owner's and the target account's AMIs. Also: the AWS-managed distribute-image workflow.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateInfrastructureConfigurationCommand,
  CreateImageCommand,
  CreateWorkflowCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, OWNER_LT, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

const CHAIN = `schemaVersion: 1.0
steps:
  - name: Copy
    action: DistributeImage
  - name: Share
    action: ModifyImageAttributes
    inputs:
      distributedImages.$: "$.stepOutputs.Copy.distributedImages"
  - name: Configure
    action: ApplyImageConfigurations
    inputs:
      distributedImages.$: "$.stepOutputs.Copy.distributedImages"
`;

const DISTRIBUTIONS = [
  {
    region: 'us-west-2',
    amiDistributionConfiguration: { name: 'chain {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET], launchPermission: { userIds: [TARGET] } },
    launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT }],
    ssmParameterConfigurations: [{ parameterName: '/ibex/chain/ami', amiAccountId: TARGET, dataType: 'aws:ec2:image' }],
  },
];

let srv: TestServer;
let c: ImagebuilderClient;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
  c = srv.client();
});
after(() => srv.close());

function worldOf(arn: string) {
  const w = srv.world.snapshot();
  const amis = w.images.filter((i) => i.tags.Ec2ImageBuilderArn === arn && i.state !== 'deregistered');
  return {
    amis,
    ami: (region: string, account: string) => amis.find((i) => i.region === region && i.accountId === account),
    lt: w.launchTemplates.find((t) => t.launchTemplateId === OWNER_LT)!,
    param: w.ssmParameters.find((p) => p.name === '/ibex/chain/ami' && p.accountId === TARGET),
  };
}

describe('DISTRIBUTION actions with the distribution configuration', () => {
  it('copies, shares and configures as the configuration says, step by step', async () => {
    const wf = (await c.send(new CreateWorkflowCommand({ name: 'chain', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: CHAIN })))
      .workflowBuildVersionArn!;
    const inputs = await buildInputs(c, 'chain', DISTRIBUTIONS);
    const arn = (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows: [{ workflowArn: wf }] })))
      .imageBuildVersionArn!;
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'AVAILABLE', JSON.stringify(img.state));
    const w = worldOf(arn);
    const owner = w.ami('us-west-2', OWNER)!;
    const target = w.ami('us-west-2', TARGET)!;
    assert.ok(owner && target, JSON.stringify(w.amis));
    assert.deepEqual(owner.launchPermissions.userIds, [TARGET]);
    assert.equal(w.lt.versions.find((v) => v.versionNumber === w.lt.latestVersion)?.imageId, owner.imageId);
    assert.equal(w.param?.value, target.imageId);
    const ex = (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!;
    const st = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: ex.workflowExecutionId! }))).steps!;
    assert.deepEqual(
      st.map((s) => s.status),
      ['COMPLETED', 'COMPLETED', 'COMPLETED'],
    );
    const copied = JSON.parse(st[0]!.outputs!).distributedImages as { region: string; accountId: string; amiId: string; status: string }[];
    assert.deepEqual(
      copied.map((d) => `${d.region}/${d.accountId}/${d.amiId}/${d.status}`).sort(),
      [`us-west-2/${OWNER}/${owner.imageId}/Completed`, `us-west-2/${TARGET}/${target.imageId}/Completed`].sort(),
    );
    const configured = JSON.parse(st[2]!.outputs!).configuredImages as { status: string }[];
    assert.deepEqual(
      configured.map((d) => d.status),
      ['Completed', 'Completed'],
    );
    // One AMI per Region and account: no step copied twice.
    assert.equal(w.amis.length, 3);
  });

  it('runs the AWS-managed distribute-image workflow as the default distribution', async () => {
    const inputs = await buildInputs(
      c,
      'managed-chain',
      DISTRIBUTIONS.map((d) => ({ ...d, ssmParameterConfigurations: [{ parameterName: '/ibex/managed/ami', dataType: 'aws:ec2:image' }] })),
    );
    const arn = (
      await c.send(
        new CreateImageCommand({ ...inputs, workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/x.x.x' }] }),
      )
    ).imageBuildVersionArn!;
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'AVAILABLE', JSON.stringify(img.state));
    const w = srv.world.snapshot();
    assert.equal(
      w.ssmParameters.find((p) => p.name === '/ibex/managed/ami')?.value,
      img.outputResources?.amis?.find((a) => a.region === 'us-west-2' && a.accountId === OWNER)?.image,
    );
  });

  it('pushes a container to each Region of the configuration with DistributeContainerImage', async () => {
    const doc = 'schemaVersion: 1.0\nsteps:\n  - name: Push\n    action: DistributeContainerImage\n';
    const wf = (await c.send(new CreateWorkflowCommand({ name: 'push', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: doc }))).workflowBuildVersionArn!;
    const recipe = await c.send(
      new CreateContainerRecipeCommand({
        name: 'pushed-app',
        semanticVersion: '1.0.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
        targetRepository: { service: 'ECR', repositoryName: 'web-app' },
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
      }),
    );
    const infra = await c.send(new CreateInfrastructureConfigurationCommand({ name: 'pushed-app', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }));
    const dist = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'pushed-app',
        distributions: [
          {
            region: 'us-west-2',
            containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'app' }, containerTags: ['stable'] },
          },
        ],
      }),
    );
    const arn = (
      await c.send(
        new CreateImageCommand({
          containerRecipeArn: recipe.containerRecipeArn!,
          infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
          distributionConfigurationArn: dist.distributionConfigurationArn!,
          executionRole: 'ImageBuilderRole',
          workflows: [{ workflowArn: wf }],
        }),
      )
    ).imageBuildVersionArn!;
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'AVAILABLE', JSON.stringify(img.state));
    assert.deepEqual(img.outputResources?.containers?.map((x) => x.region).sort(), ['us-east-1', 'us-west-2']);
    const repo = srv.world.snapshot().ecrRepositories.find((r) => r.region === 'us-west-2' && r.repositoryName === 'app')!;
    assert.ok(
      repo.images.some((i) => i.imageTags.includes('stable')),
      JSON.stringify(repo.images),
    );
    const ex = (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!;
    const st = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: ex.workflowExecutionId! }))).steps!;
    assert.deepEqual(JSON.parse(st[0]!.outputs!), { status: 'Completed', succeededRegions: ['us-west-2'], failedRegions: [] });
  });
});
