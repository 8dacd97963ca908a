// Start-up recovery of images an earlier process left in an active state with nothing to move
// them on (a database written before starts and finishes were atomic): an image whose run ended
// gets the state and outputs that run's steps say; one with no run and no build fails with a
// reason. Never "DISTRIBUTING forever".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ibex-stranded-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const scope = { accountId: OWNER, region: 'us-east-1' };
const start = (dir: string): Promise<TestServer> => startTestServer({ inMemory: false, dataDir: dir, worldSpec: testWorld() });

async function settled(c: ImagebuilderClient, arn: string) {
  for (let i = 0; i < 400; i++) {
    const img = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    if (img.state?.status === 'AVAILABLE' || img.state?.status === 'FAILED') return img;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('image did not settle');
}

describe('stranded images at start-up', () => {
  it('brings an image whose run succeeded but which stayed DISTRIBUTING (no outputs) to AVAILABLE with its outputs', async () => {
    const dir = join(root, 'a');
    let srv = await start(dir);
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'strand',
          distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { targetAccountIds: [TARGET] } }],
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    const done = await settled(c, arn!);
    assert.equal(done.state?.status, 'AVAILABLE');
    // What the old non-atomic finish could leave: the run ended, the image not updated.
    const stored = srv.services.images.get(scope, arn!)!;
    srv.services.images.put(scope, { ...stored, arn: arn!, state: { status: 'DISTRIBUTING' }, outputResources: { amis: [] } });
    await srv.close();
    srv = await start(dir);
    const img = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    assert.equal(img.state?.status, 'AVAILABLE');
    assert.deepEqual(img.outputResources?.amis?.map((a) => `${a.region}/${a.accountId}`).sort(), [`us-west-2/${OWNER}`, `us-west-2/${TARGET}`].sort());
    await srv.close();
  });

  it('fails an image left PENDING with no run and no build, with a reason', async () => {
    const dir = join(root, 'b');
    let srv = await start(dir);
    const arn = `arn:aws:imagebuilder:us-east-1:${OWNER}:image/orphan/1.0.0/1`;
    srv.services.images.insert(
      scope,
      {
        arn,
        name: 'orphan',
        version: '1.0.0/1',
        type: 'AMI',
        state: { status: 'PENDING' },
        outputResources: { amis: [] },
        dateCreated: new Date().toISOString(),
      },
      1,
    );
    await srv.close();
    srv = await start(dir);
    const img = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    assert.equal(img.state?.status, 'FAILED');
    assert.equal(img.state?.reason, 'The distribution did not start: ibex stopped before its run was recorded. Retry with a new request.');
    await srv.close();
  });
});
