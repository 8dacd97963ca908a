// End to end through the AWS adapter: ibex started with cloud 'aws' against moto plans and runs
// DistributeImage to three Regions (launch permissions, a launch-template version, an SSM
// parameter), and the outcome is read back from moto with the AWS SDK directly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLaunchTemplateCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { MOTO_BASE_CREDENTIALS, MOTO_DEFAULT_ACCOUNT, startMoto, type Moto } from '../cloud/aws/moto.js';
import { waitForImage } from '../helpers/images.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const OWNER = MOTO_DEFAULT_ACCOUNT;
const SHARED_WITH = '111122223333';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const PARAMETER = '/ibex/e2e/app/latest';

let moto: Moto;
let srv: TestServer;
let sourceAmi: string;
let templateId: string;
const ec2 = (region: string) => new EC2Client({ endpoint: moto.url, region, credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });

before(async () => {
  moto = await startMoto();
  // ibex takes its AWS credentials from the standard chain, as `ibex serve --cloud aws` does; moto
  // maps these to its default account, which is the ibex caller's account below.
  process.env.AWS_ACCESS_KEY_ID = MOTO_BASE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = MOTO_BASE_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const east = ec2('us-east-1');
  sourceAmi = (await east.send(new RegisterImageCommand({ Name: `app-base-${Date.now()}` }))).ImageId!;
  const lt = await east.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: `web-${Date.now()}`,
      LaunchTemplateData: { ImageId: sourceAmi, InstanceType: 't3.micro' },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'CreatedBy', Value: 'EC2 Image Builder' }] }],
    }),
  );
  templateId = lt.LaunchTemplate!.LaunchTemplateId!;
  srv = await startTestServer({ cloud: 'aws', cloudEndpoint: moto.url, runner: { pollMs: 20 } });
});

after(async () => {
  await srv?.close();
  await moto?.stop();
});

describe('DistributeImage through the AWS adapter against moto', () => {
  it('plans, then delivers an AMI to three Regions with launch permissions, a launch-template version and an SSM parameter', async () => {
    const c = srv.client(OWNER, 'us-east-1');
    const { distributionConfigurationArn } = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'e2e-aws',
        distributions: REGIONS.map((region) => ({
          region,
          amiDistributionConfiguration: { name: `app-${region} {{ imagebuilder:buildDate }}`, launchPermission: { userIds: [SHARED_WITH] } },
          ...(region === 'us-east-1'
            ? {
                launchTemplateConfigurations: [{ launchTemplateId: templateId, setDefaultVersion: true }],
                ssmParameterConfigurations: [{ parameterName: PARAMETER, dataType: 'aws:ec2:image' as const }],
              }
            : {}),
        })),
      }),
    );

    // The preflight reads the same endpoints through the adapter and predicts every job to succeed.
    const plan = await fetch(`${srv.url}/_ibex/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ distributionConfigurationArn, sourceImage: sourceAmi }),
    });
    assert.equal(plan.status, 200);
    const report = (await plan.json()) as { jobs: { key: string; outcome: string; cause?: unknown }[]; summary: { fail: number; jobs: number } };
    assert.deepEqual(
      report.jobs.filter((j) => j.outcome !== 'ok'),
      [],
    );
    assert.ok(report.summary.jobs >= 3 + 3 + 2, `jobs: ${report.jobs.map((j) => j.key).join(', ')}`);

    const { imageBuildVersionArn } = await c.send(
      new DistributeImageCommand({ sourceImage: sourceAmi, distributionConfigurationArn, executionRole: 'EC2ImageBuilderDistributionRole' }),
    );
    const image = await waitForImage(c, imageBuildVersionArn!, 60_000);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const amis = image.outputResources?.amis ?? [];
    assert.deepEqual(amis.map((a) => a.region).sort(), [...REGIONS].sort());

    for (const region of REGIONS) {
      const out = amis.find((a) => a.region === region)!;
      const client = ec2(region);
      const img = (await client.send(new DescribeImagesCommand({ ImageIds: [out.image!] }))).Images![0]!;
      assert.equal(img.OwnerId, OWNER);
      assert.equal(img.State, 'available');
      assert.match(img.Name!, new RegExp(`^app-${region} \\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}`));
      const attr = await client.send(new DescribeImageAttributeCommand({ ImageId: out.image!, Attribute: 'launchPermission' }));
      assert.deepEqual(attr.LaunchPermissions, [{ UserId: SHARED_WITH }]);
      client.destroy();
    }

    const east = amis.find((a) => a.region === 'us-east-1')!.image!;
    const versions = (await ec2('us-east-1').send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId }))).LaunchTemplateVersions!;
    const v2 = versions.find((v) => v.VersionNumber === 2)!;
    assert.equal(v2.LaunchTemplateData?.ImageId, east);
    // ibex asks for a copy of the default version (SourceVersion $Default); moto ignores
    // SourceVersion, so the other settings are not carried over there (docs/known-differences.md).
    assert.equal(v2.LaunchTemplateData?.InstanceType, undefined);
    assert.equal(v2.DefaultVersion, true);

    const ssm = new SSMClient({ endpoint: moto.url, region: 'us-east-1', credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: PARAMETER }));
    assert.equal(Parameter?.Value, east);
    assert.equal(Parameter?.DataType, 'aws:ec2:image');
    ssm.destroy();
  });
});
