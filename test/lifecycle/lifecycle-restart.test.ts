// A lifecycle execution survives a restart: a deprecation due later is IN_PROGRESS in the stored
// state, and after the restart (and the world's clock passing its time) it finishes and the image
// flips to DEPRECATED — the AMIs' deprecation time was set before the restart, once.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetLifecycleExecutionCommand,
  StartResourceStateUpdateCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { SOURCE_AMI, testWorld } from '../helpers/world.js';

const dir = mkdtempSync(join(tmpdir(), 'ibex-lifecycle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const start = (): Promise<TestServer> => startTestServer({ inMemory: false, dataDir: dir, worldSpec: testWorld(), runner: { pollMs: 5 }, logLevel: 'silent' });

async function status(srv: TestServer, id: string): Promise<string> {
  return (await srv.client().send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: id }))).lifecycleExecution!.state!.status!;
}

describe('lifecycle execution durability', () => {
  it('finishes a waiting deprecation after a restart', async () => {
    let srv = await start();
    const { distributionConfigurationArn } = await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'restart',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'r {{ imagebuilder:buildDate }}' } }],
      }),
    );
    const { imageBuildVersionArn: arn } = await srv
      .client()
      .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn, executionRole: 'r' }));
    const img = await waitForImage(srv.client(), arn!);
    const amiId = img.outputResources!.amis![0]!.image!;
    const updateAt = new Date(Date.now() + 7 * 86_400_000);
    const { lifecycleExecutionId } = await srv.client().send(
      new StartResourceStateUpdateCommand({
        resourceArn: arn,
        state: { status: 'DEPRECATED' },
        executionRole: 'r',
        includeResources: { amis: true },
        updateAt,
      }),
    );
    for (let i = 0; i < 200; i++) {
      const w = (await (await fetch(`${srv.url}/_ibex/world`)).json()) as { images: { imageId: string; deprecationTime: string | null }[] };
      if (w.images.find((x) => x.imageId === amiId)!.deprecationTime) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(await status(srv, lifecycleExecutionId!), 'IN_PROGRESS');
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status, 'AVAILABLE');
    await srv.close();

    srv = await start();
    try {
      assert.equal(await status(srv, lifecycleExecutionId!), 'IN_PROGRESS');
      const r = await fetch(`${srv.url}/_ibex/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: '8d', runDuePolicies: true }),
      });
      assert.equal(r.status, 200);
      let s = '';
      for (let i = 0; i < 200 && s !== 'SUCCESS'; i++) {
        s = await status(srv, lifecycleExecutionId!);
        await new Promise((res) => setTimeout(res, 10));
      }
      assert.equal(s, 'SUCCESS');
      const got = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
      assert.equal(got.state?.status, 'DEPRECATED');
      assert.equal(Math.round(got.deprecationTime!.getTime() / 1000), Math.round(updateAt.getTime() / 1000));
    } finally {
      await srv.close();
    }
  });
});
