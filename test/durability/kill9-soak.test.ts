// A bounded kill -9 soak: one long distribution (two Regions × two accounts, slow copies) is
// killed at five seeded-random moments; after each restart the client retries DistributeImage
// with its client token. At the end: the token always answered the first image, the image is
// AVAILABLE with every output, and each Region and account holds exactly one AMI of it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  ImagebuilderClient,
  ListImageBuildVersionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { freePort, killAll, killHard, startChild, type Child } from '../helpers/process.js';

const REGIONS = ['us-west-2', 'eu-west-1'];
const KILLS = 4;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-soak-'));
  const world = testWorld();
  world.timings = { ...world.timings, copyImageMs: 300 };
  writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
});
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A small seeded PRNG (mulberry32), so a failing run replays the same kill moments. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kill -9 soak', () => {
  it(`survives ${KILLS} random kills of one distribution with token retries: nothing duplicated, nothing stranded`, async () => {
    const port = await freePort();
    const start = (): Promise<Child> => startChild(join(dir, 'data'), { port, args: ['--world', join(dir, 'world.json')] });
    const client = new ImagebuilderClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: OWNER, secretAccessKey: 'x' },
    });
    let child = await start();
    const cfg = (
      await client.send(
        new CreateDistributionConfigurationCommand({
          name: 'soak',
          distributions: REGIONS.map((region) => ({
            region,
            amiDistributionConfiguration: { name: 'soak-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] },
          })),
        }),
      )
    ).distributionConfigurationArn!;
    const input = { sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r', clientToken: 'soak-token' };
    const first = (await client.send(new DistributeImageCommand(input))).imageBuildVersionArn!;
    const random = rng(16);
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 400)));
      await killHard(child);
      child = await start();
      const again = (await client.send(new DistributeImageCommand(input))).imageBuildVersionArn;
      assert.equal(again, first, `after kill ${k + 1} the token answers the first image`);
    }
    const until = Date.now() + 30_000;
    let image;
    while (Date.now() < until) {
      image = (await client.send(new GetImageCommand({ imageBuildVersionArn: first }))).image;
      if (image?.state?.status === 'AVAILABLE' || image?.state?.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(image?.state?.status, 'AVAILABLE', image?.state?.reason);
    const expected = REGIONS.flatMap((r) => [`${r}/${OWNER}`, `${r}/${TARGET}`]).sort();
    assert.deepEqual(image!.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), expected);
    const world = (await (await fetch(`http://127.0.0.1:${port}/_ibex/world`)).json()) as {
      images: { accountId: string; region: string; tags: Record<string, string> }[];
    };
    assert.deepEqual(
      world.images
        .filter((i) => i.tags.Ec2ImageBuilderArn === first)
        .map((i) => `${i.region}/${i.accountId}`)
        .sort(),
      expected,
      'each AMI exactly once',
    );
    const builds = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn: first.replace(/\/\d+$/, '') }));
    assert.deepEqual(
      (builds.imageSummaryList ?? []).map((s) => s.arn),
      [first],
      'one image, never a second',
    );
    await killHard(child);
  });
});
