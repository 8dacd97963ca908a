// POST /_ibex/plan: warnings for outcomes AWS allows but users rarely want, AWS errors for unknown
// settings or sources, and 400 for a malformed request — and it never changes the world.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER, SOURCE_AMI, TARGET, TARGET_LT, testWorld } from '../helpers/world.js';

const ENCRYPTED_AMI = 'ami-0eeeeeeeeeeeeeeee';
let srv: TestServer;
before(async () => {
  const world = testWorld();
  world.accounts!.find((a) => a.id === OWNER)!.kmsKeys!.push({ region: 'us-east-1', keyId: '33333333-2222-3333-4444-555555555555', allowAccounts: [TARGET] });
  world
    .accounts!.find((a) => a.id === OWNER)!
    .images!.push({ region: 'us-east-1', imageId: ENCRYPTED_AMI, name: 'encrypted', encrypted: true, kmsKeyId: '33333333-2222-3333-4444-555555555555' });
  srv = await startTestServer({ worldSpec: world });
});
after(() => srv.close());

async function plan(body: unknown) {
  const res = await fetch(`${srv.url}/_ibex/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('preflight', () => {
  it('warns that a target account launch template will point to an AMI that account cannot launch', async () => {
    const cfg = (
      await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'pf-lt',
          distributions: [
            {
              region: 'us-west-2',
              amiDistributionConfiguration: { targetAccountIds: [TARGET] },
              launchTemplateConfigurations: [{ launchTemplateId: TARGET_LT, accountId: TARGET }],
            },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    const { status, body } = await plan({ distributionConfigurationArn: cfg, sourceImage: SOURCE_AMI });
    assert.equal(status, 200);
    const lt = body.jobs.find((j: { key: string }) => j.key === `launchTemplate:us-west-2:${TARGET}:${TARGET_LT}`);
    assert.equal(lt.outcome, 'ok');
    assert.equal(lt.warnings.length, 1);
    assert.match(lt.warnings[0], /cannot launch/);
    assert.equal(body.summary.warnings, 1);
  });

  it('warns when an encrypted source goes to another account without a kmsKeyId', async () => {
    const cfg = (
      await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'pf-kms',
          distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'e {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } }],
        }),
      )
    ).distributionConfigurationArn!;
    const { body } = await plan({ distributionConfigurationArn: cfg, sourceImage: ENCRYPTED_AMI });
    const copy = body.jobs.find((j: { key: string }) => j.key === `ami:us-east-1:${TARGET}`);
    assert.match(copy.warnings[0], /encrypted/);
    assert.deepEqual(copy.steps, [`grantLaunch:us-east-1:${TARGET}`, `copyImage:us-east-1:${TARGET}`, `image:us-east-1:${TARGET}`]);
  });

  it('answers ResourceNotFoundException for unknown settings or source, and 400 for a malformed request', async () => {
    const missing = await plan({
      distributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:distribution-configuration/nope`,
      sourceImage: SOURCE_AMI,
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.__type, 'ResourceNotFoundException');
    const cfg = (
      await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'pf-src', distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }] }))
    ).distributionConfigurationArn!;
    const noAmi = await plan({ distributionConfigurationArn: cfg, sourceImage: 'ami-0123456789abcdef0' });
    assert.equal(noAmi.status, 404);
    assert.equal((await plan('{not json')).status, 400);
    assert.equal((await plan({ sourceImage: SOURCE_AMI })).status, 400);
    assert.equal((await plan({ distributionConfigurationArn: 'arn:aws:s3:::x', sourceImage: SOURCE_AMI })).status, 400);
  });

  it('changes nothing in the world', async () => {
    const before = JSON.stringify(srv.world.snapshot());
    const cfg = (
      await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'pf-pure',
          distributions: [
            { region: 'us-west-2', amiDistributionConfiguration: { targetAccountIds: [TARGET] }, ssmParameterConfigurations: [{ parameterName: '/pf/x' }] },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    await plan({ distributionConfigurationArn: cfg, sourceImage: SOURCE_AMI });
    assert.equal(JSON.stringify(srv.world.snapshot()), before);
  });
});
