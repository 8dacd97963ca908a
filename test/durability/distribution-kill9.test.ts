// A distribution survives kill -9: the server is killed at several points of a run (file
// database), restarted on the same data, and the run completes with exactly one AMI per Region
// and account — no copy duplicated by the resumed steps.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { freePort, killAll, killHard, startChild, type Child } from '../helpers/process.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-kill9-run-'));
  const world = testWorld();
  world.timings = { ...world.timings, copyImageMs: 400 };
  writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
});
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const start = (port: number): Promise<Child> => startChild(join(dir, 'data'), { port, args: ['--world', join(dir, 'world.json')] });

describe('distribution durability', () => {
  it('completes after kill -9 at several points of a run, duplicating nothing', async () => {
    const port = await freePort();
    const client = new ImagebuilderClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: OWNER, secretAccessKey: 'x' },
    });
    let child = await start(port);
    const cfg = (
      await client.send(
        new CreateDistributionConfigurationCommand({
          name: 'crash',
          distributions: ['us-west-2', 'eu-west-1'].map((region) => ({
            region,
            amiDistributionConfiguration: { name: 'c-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] },
            ssmParameterConfigurations: [{ parameterName: '/crash/ami' }],
          })),
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await client.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    // Kill while copies are being made, then again while they are pending in the world.
    for (const delay of [30, 250]) {
      await new Promise((r) => setTimeout(r, delay));
      await killHard(child);
      child = await start(port);
    }
    const until = Date.now() + 20_000;
    let status: string | undefined;
    let image;
    while (Date.now() < until) {
      image = (await client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image;
      status = image?.state?.status;
      if (status === 'AVAILABLE' || status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 'AVAILABLE', image?.state?.reason);
    const world = (await (await fetch(`http://127.0.0.1:${port}/_ibex/world`)).json()) as {
      images: { imageId: string; accountId: string; region: string; tags: Record<string, string> }[];
      ssmParameters: { name: string; accountId: string; region: string; value: string }[];
    };
    const produced = world.images.filter((i) => i.tags.Ec2ImageBuilderArn === arn);
    assert.deepEqual(produced.map((i) => `${i.region}/${i.accountId}`).sort(), [
      `eu-west-1/${TARGET}`,
      `eu-west-1/${OWNER}`,
      `us-west-2/${TARGET}`,
      `us-west-2/${OWNER}`,
    ]);
    assert.equal(image!.outputResources!.amis!.length, 4);
    for (const region of ['us-west-2', 'eu-west-1']) {
      const p = world.ssmParameters.find((x) => x.name === '/crash/ami' && x.region === region && x.accountId === OWNER);
      assert.equal(p?.value, produced.find((i) => i.region === region && i.accountId === OWNER)!.imageId);
    }
    await killHard(child);
  });
});
