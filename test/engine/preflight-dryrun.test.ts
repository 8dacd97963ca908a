// The preflight's EC2 DryRun checks: a cross-account role without ec2:CreateLaunchTemplateVersion
// is predicted to fail the launch-template job with the code the run then meets; a role's
// ssm:PutParameter cannot be dry-run and is warned about; dry runs change nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, SOURCE_AMI, testWorld } from '../helpers/world.js';

const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';
/** Its role may add launch-template versions' default but not add versions. */
const NO_LT = '555566667777';
const NO_LT_TEMPLATE = 'lt-0dddddddddddddddd';
/** Its role may change launch templates but not write SSM parameters. */
const NO_SSM = '666677778888';

interface Report {
  jobs: { key: string; outcome: string; cause?: { code: string; message: string }; warnings: string[] }[];
  summary: { jobs: number; ok: number; fail: number; warnings: number };
}

let srv: TestServer;
before(async () => {
  const world = testWorld();
  world.accounts!.push(
    {
      id: NO_LT,
      name: 'no-lt',
      roles: [{ name: ROLE, trustedAccounts: [OWNER], permissions: ['ssm:PutParameter', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'] }],
      launchTemplates: [{ region: 'us-west-2', launchTemplateId: NO_LT_TEMPLATE, name: 'web', tags: { CreatedBy: 'EC2 Image Builder' } }],
    },
    {
      id: NO_SSM,
      name: 'no-ssm',
      roles: [{ name: ROLE, trustedAccounts: [OWNER], permissions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'] }],
    },
  );
  srv = await startTestServer({ worldSpec: world, runner: { pollMs: 5 } });
});
after(() => srv.close());

async function plan(configArn: string): Promise<Report> {
  const res = await fetch(`${srv.url}/_ibex/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI }),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as Report;
}

const LT_JOB = `launchTemplate:us-west-2:${NO_LT}:${NO_LT_TEMPLATE}`;
const SSM_JOB = `ssmParameter:us-west-2:${NO_SSM}:/pf/ami`;

describe('preflight dry runs', () => {
  let configArn: string;
  before(async () => {
    configArn = (
      await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'pf-dry',
          distributions: [
            {
              region: 'us-west-2',
              amiDistributionConfiguration: {
                name: 'dry-{{ imagebuilder:buildDate }}',
                targetAccountIds: [NO_LT, NO_SSM],
                launchPermission: { userIds: [NO_LT] },
              },
              launchTemplateConfigurations: [{ launchTemplateId: NO_LT_TEMPLATE, accountId: NO_LT }],
              ssmParameterConfigurations: [{ parameterName: '/pf/ami', amiAccountId: NO_SSM }],
            },
          ],
        }),
      )
    ).distributionConfigurationArn!;
  });

  it('predicts UnauthorizedOperation for a role without ec2:CreateLaunchTemplateVersion, warns about ssm:PutParameter, and changes nothing', async () => {
    const world = JSON.stringify(srv.world.snapshot());
    const report = await plan(configArn);
    assert.equal(JSON.stringify(srv.world.snapshot()), world, 'the preflight changes nothing');

    const lt = report.jobs.find((j) => j.key === LT_JOB)!;
    assert.equal(lt.outcome, 'fail');
    assert.equal(lt.cause!.code, 'UnauthorizedOperation');
    assert.match(lt.cause!.message, /ec2:CreateLaunchTemplateVersion/);
    assert.deepEqual(
      report.jobs.filter((j) => j.outcome === 'fail').map((j) => j.key),
      [LT_JOB],
    );

    const ssm = report.jobs.find((j) => j.key === SSM_JOB)!;
    assert.equal(ssm.outcome, 'ok');
    assert.equal(ssm.warnings.length, 1);
    assert.match(ssm.warnings[0]!, /no DryRun.*ssm:PutParameter/);
    assert.ok(ssm.warnings[0]!.includes(NO_SSM));
  });

  it('the run then fails the launch-template job with the same code, and the SSM job with AccessDeniedException', async () => {
    const predicted = await plan(configArn);
    const { imageBuildVersionArn } = await srv
      .client()
      .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: configArn, executionRole: 'r' }));
    const image = await waitForImage(srv.client(), imageBuildVersionArn!);
    assert.equal(image.state?.status, 'FAILED');
    const failed = srv.db.prepare(`SELECT job_key, error_code, error FROM distribution_steps WHERE status = 'failed' ORDER BY job_key`).all() as {
      job_key: string;
      error_code: string;
      error: string;
    }[];
    const lt = failed.find((f) => f.job_key === LT_JOB)!;
    assert.equal(lt.error_code, predicted.jobs.find((j) => j.key === LT_JOB)!.cause!.code);
    assert.ok(lt.error.includes(predicted.jobs.find((j) => j.key === LT_JOB)!.cause!.message), lt.error);
    // What the preflight could only warn about.
    assert.equal(failed.find((f) => f.job_key === SSM_JOB)?.error_code, 'AccessDeniedException');
    assert.deepEqual(
      failed.map((f) => f.job_key),
      [LT_JOB, SSM_JOB],
    );
  });

  it('predicts a share with an unknown organization by dry run, with no warning for the owner SSM parameter', async () => {
    const org = `arn:aws:organizations::${OWNER}:organization/o-doesnotexist`;
    const cfg = (
      await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'pf-dry-owner',
          distributions: [
            {
              region: 'us-east-1',
              amiDistributionConfiguration: { name: 'o-{{ imagebuilder:buildDate }}', launchPermission: { organizationArns: [org] } },
              ssmParameterConfigurations: [{ parameterName: '/pf/owner' }],
            },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    const report = await plan(cfg);
    // ModifyImageAttribute's dry run against the source (which stands in for the owner's copy in
    // us-east-1) meets the unknown organization the real share would meet.
    const share = report.jobs.find((j) => j.key === 'launchPermission:us-east-1')!;
    assert.equal(share.outcome, 'fail');
    assert.equal(share.cause!.code, 'InvalidParameterValue');
    assert.ok(share.cause!.message.includes(org));
    const ssm = report.jobs.find((j) => j.key === `ssmParameter:us-east-1:${OWNER}:/pf/owner`)!;
    assert.deepEqual([ssm.outcome, ssm.warnings], ['ok', []]);
    assert.deepEqual(
      report.jobs.filter((j) => j.outcome === 'fail').map((j) => j.key),
      ['launchPermission:us-east-1'],
    );
  });
});
