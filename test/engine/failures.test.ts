// Each failure cause ends the image FAILED with that cause named, while every other job succeeds;
// the preflight predicts each one before the run; RetryImage after fixing the world re-runs only
// what failed and leaves exactly one AMI per Region and account.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, RetryImageCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { NOROLE, OWNER, SOURCE_AMI, TARGET, UNTRUSTED, testWorld } from '../helpers/world.js';

const YEAR = String(new Date().getUTCFullYear());
const LOCKED_KEY = `arn:aws:kms:us-west-2:${OWNER}:key/99999999-2222-3333-4444-555555555555`;

let srv: TestServer;
before(async () => {
  const world = testWorld();
  world.accounts!.find((a) => a.id === OWNER)!.kmsKeys!.push({ region: 'us-west-2', keyId: '99999999-2222-3333-4444-555555555555', allowAccounts: [] });
  world.accounts!.find((a) => a.id === TARGET)!.images = [{ region: 'eu-west-1', imageId: 'ami-0ddddddddddddddd1', name: `fixed-${YEAR}` }];
  srv = await startTestServer({ worldSpec: world, runner: { pollMs: 5 } });
});
after(() => srv.close());

const failing = [
  {
    region: 'us-east-1',
    amiDistributionConfiguration: { name: 'ok-{{ imagebuilder:buildDate }}' },
    launchTemplateConfigurations: [{ launchTemplateId: 'lt-0doesnotexist0000' }],
    s3ExportConfiguration: { roleName: 'vmimport', diskImageFormat: 'VMDK', s3Bucket: 'no-such-bucket' },
    ssmParameterConfigurations: [{ parameterName: '/fail/ok' }],
  },
  {
    region: 'us-west-2',
    amiDistributionConfiguration: { name: 'w-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET, NOROLE, UNTRUSTED], kmsKeyId: LOCKED_KEY },
  },
  {
    region: 'eu-west-1',
    amiDistributionConfiguration: { name: 'fixed-{{imagebuilder:buildDate:yyyy}}', targetAccountIds: [TARGET], launchPermission: { userGroups: ['all'] } },
  },
  { region: 'ap-east-1', amiDistributionConfiguration: { name: 'ap-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
];

/** job key → a fragment its failure must show. */
const EXPECTED_FAILURES: Record<string, string[]> = {
  'launchTemplate:us-east-1:123456789012:lt-0doesnotexist0000': ['lt-0doesnotexist0000', 'does not exist'],
  's3Export:us-east-1': ['no-such-bucket'],
  [`ami:us-west-2:${TARGET}`]: ['99999999-2222-3333-4444-555555555555'],
  [`ami:us-west-2:${NOROLE}`]: ['EC2ImageBuilderDistributionCrossAccountRole'],
  [`ami:us-west-2:${UNTRUSTED}`]: ['EC2ImageBuilderDistributionCrossAccountRole'],
  'launchPermission:eu-west-1': ['block public access'],
  [`ami:eu-west-1:${TARGET}`]: [`fixed-${YEAR}`],
  [`ami:ap-east-1:${TARGET}`]: ['ap-east-1'],
};

async function plan(configArn: string) {
  const res = await fetch(`${srv.url}/_ibex/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI }),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as {
    jobs: { key: string; outcome: string; cause?: { code: string; message: string }; warnings: string[] }[];
    summary: { fail: number };
  };
}

describe('distribution failures', () => {
  let configArn: string;
  before(async () => {
    configArn = (await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'failing', distributions: failing as never })))
      .distributionConfigurationArn!;
  });

  it('the preflight predicts every failure, with its cause, before the run', async () => {
    const report = await plan(configArn);
    const failed = report.jobs.filter((j) => j.outcome === 'fail');
    assert.deepEqual(failed.map((j) => j.key).sort(), Object.keys(EXPECTED_FAILURES).sort());
    for (const j of failed) {
      for (const frag of EXPECTED_FAILURES[j.key]!)
        assert.ok(`${j.cause!.code} ${j.cause!.message}`.includes(frag), `${j.key}: '${j.cause!.message}' lacks '${frag}'`);
    }
    const ok = report.jobs
      .filter((j) => j.outcome === 'ok')
      .map((j) => j.key)
      .sort();
    assert.deepEqual(ok, [
      `ami:ap-east-1:${OWNER}`,
      `ami:eu-west-1:${OWNER}`,
      `ami:us-east-1:${OWNER}`,
      `ami:us-west-2:${OWNER}`,
      `ssmParameter:us-east-1:${OWNER}:/fail/ok`,
    ]);
    const world = srv.world.snapshot();
    assert.equal(world.images.filter((i) => i.accountId === OWNER).length, 2, 'the preflight changes nothing');
  });

  it('ends FAILED naming each failed job, and keeps every success', async () => {
    const { imageBuildVersionArn } = await srv
      .client()
      .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: configArn, executionRole: 'r' }));
    const image = await waitForImage(srv.client(), imageBuildVersionArn!);
    assert.equal(image.state?.status, 'FAILED');
    const reason = image.state!.reason!;
    assert.ok(reason.startsWith('Not all distribution jobs are completed. 1) '), reason);
    assert.equal((reason.match(/\. \d+\) /g) ?? []).length, Object.keys(EXPECTED_FAILURES).length, reason);
    for (const [acct, region] of [
      [NOROLE, 'us-west-2'],
      [UNTRUSTED, 'us-west-2'],
      [TARGET, 'ap-east-1'],
      [TARGET, 'eu-west-1'],
    ]) {
      assert.ok(reason.includes(`to the destination account (ID: ${acct}) in Region ${region}.`), `${acct}/${region} missing in: ${reason}`);
    }
    for (const frags of Object.values(EXPECTED_FAILURES)) for (const f of frags) assert.ok(reason.includes(f), `'${f}' missing in: ${reason}`);
    assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), [
      `ap-east-1/${OWNER}`,
      `eu-west-1/${OWNER}`,
      `us-east-1/${OWNER}`,
      `us-west-2/${OWNER}`,
    ]);
    const param = srv.world.snapshot().ssmParameters.find((p) => p.name === '/fail/ok');
    assert.equal(param?.value, image.outputResources!.amis!.find((a) => a.region === 'us-east-1')!.image);
  });
});

describe('RetryImage', () => {
  it('re-runs only the failed job after the world is fixed, leaving one AMI per Region and account', async () => {
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'retry-me',
          distributions: [
            { region: 'us-west-2', amiDistributionConfiguration: { name: 'r-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET, NOROLE] } },
            { region: 'eu-west-1', amiDistributionConfiguration: { name: 'r-{{ imagebuilder:buildDate }}' } },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    const failed = await waitForImage(c, arn!);
    assert.equal(failed.state?.status, 'FAILED');
    assert.ok(failed.state!.reason!.includes(NOROLE));

    const res = await fetch(`${srv.url}/_ibex/world`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: [{ id: NOROLE, roles: [{ name: 'EC2ImageBuilderDistributionCrossAccountRole', trustedAccounts: [OWNER] }] }] }),
    });
    assert.equal(res.status, 200, await res.text());
    const before = srv.world
      .snapshot()
      .images.filter((i) => i.tags.Ec2ImageBuilderArn === arn)
      .map((i) => i.imageId)
      .sort();
    assert.equal(before.length, 3);

    const out = await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-1' }));
    assert.equal(out.imageBuildVersionArn, arn);
    const done = await waitForImage(c, arn!);
    assert.equal(done.state?.status, 'AVAILABLE', done.state?.reason);
    const produced = srv.world.snapshot().images.filter((i) => i.tags.Ec2ImageBuilderArn === arn);
    const perTarget = new Map<string, number>();
    for (const i of produced) perTarget.set(`${i.region}/${i.accountId}`, (perTarget.get(`${i.region}/${i.accountId}`) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries([...perTarget].sort()), {
      [`eu-west-1/${OWNER}`]: 1,
      [`us-west-2/${NOROLE}`]: 1,
      [`us-west-2/${OWNER}`]: 1,
      [`us-west-2/${TARGET}`]: 1,
    });
    for (const id of before)
      assert.ok(
        produced.some((i) => i.imageId === id),
        `earlier AMI ${id} was kept, not copied again`,
      );
    assert.equal(done.outputResources!.amis!.length, 4);
  });

  it('rejects retrying an image that is not FAILED', async () => {
    const c = srv.client();
    const cfg = (
      await c.send(new CreateDistributionConfigurationCommand({ name: 'retry-ok', distributions: [{ region: 'us-west-2', amiDistributionConfiguration: {} }] }))
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    await waitForImage(c, arn!);
    const err = await errorOf(() => c.send(new RetryImageCommand({ imageBuildVersionArn: arn })));
    assert.equal(err.name, 'InvalidRequestException');
  });
});
