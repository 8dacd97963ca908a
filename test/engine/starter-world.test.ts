// Distribution in the starter world: the parent images belong to Amazon, so copies for target
// accounts must come from the owner's own AMI in each Region (a regression test).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { STARTER, starterImageId } from '../../src/world/index.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ timings: { copyImageMs: 0, exportImageMs: 0, fastLaunchMs: 0 }, runner: { pollMs: 5 } })));
after(() => srv.close());

describe('the starter world', () => {
  it('distributes an Amazon-owned parent to target accounts, Regions, the organization and a launch template', async () => {
    const c = srv.client(STARTER.managementAccountId);
    const orgArn = `arn:aws:organizations::${STARTER.managementAccountId}:organization/${STARTER.organizationId}`;
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'starter-demo',
          distributions: [
            {
              region: 'us-east-1',
              amiDistributionConfiguration: {
                name: 'demo {{ imagebuilder:buildDate }}',
                targetAccountIds: [STARTER.prodAccountId],
                launchPermission: { organizationArns: [orgArn] },
              },
              launchTemplateConfigurations: [{ launchTemplateId: STARTER.launchTemplateId }],
            },
            { region: 'eu-west-1', amiDistributionConfiguration: { name: 'demo {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.devAccountId] } },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    const parent = starterImageId('us-east-1', 'Linux');
    const plan = (await (
      await fetch(`${srv.url}/_ibex/plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ distributionConfigurationArn: cfg, sourceImage: parent }),
      })
    ).json()) as { summary: { fail: number } };
    assert.equal(plan.summary.fail, 0);
    const { imageBuildVersionArn } = await c.send(
      new DistributeImageCommand({ sourceImage: parent, distributionConfigurationArn: cfg, executionRole: 'ImageBuilderRole' }),
    );
    const image = await waitForImage(c, imageBuildVersionArn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(
      image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(),
      [
        `eu-west-1/${STARTER.managementAccountId}`,
        `eu-west-1/${STARTER.devAccountId}`,
        `us-east-1/${STARTER.prodAccountId}`,
        `us-east-1/${STARTER.managementAccountId}`,
      ].sort(),
    );
    const prodCopy = srv.world.snapshot().images.find((i) => i.accountId === STARTER.prodAccountId && i.tags.Ec2ImageBuilderArn === imageBuildVersionArn)!;
    assert.equal(prodCopy.state, 'available');
  });
});
