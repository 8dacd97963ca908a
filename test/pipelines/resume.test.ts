// Durable builds: a build in progress when the server stops resumes after a restart and ends
// AVAILABLE with exactly one build AMI (the resumed build finds it instead of registering another).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateImageCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { buildInputs, buildWorld } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ibex-build-resume-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('build durability', () => {
  it('resumes a build in progress after a restart', async () => {
    const open = () => startTestServer({ worldSpec: buildWorld(), inMemory: false, dataDir: dir, buildPollMs: 5 });
    let srv = await open();
    srv.world.setTimings({ buildMs: 800 });
    const c = srv.client();
    const inputs = await buildInputs(c, 'durable');
    const { imageBuildVersionArn: arn } = await c.send(new CreateImageCommand(inputs));
    let status = '';
    for (let i = 0; i < 200 && status !== 'BUILDING'; i++) {
      status = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status ?? '';
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(status, 'BUILDING');
    await srv.close();
    srv = await open();
    try {
      const image = await waitForImage(srv.client(), arn!, 10_000);
      assert.equal(image.state?.status, 'AVAILABLE');
      const amis = srv.world.snapshot().images.filter((i) => i.tags.Ec2ImageBuilderArn === arn);
      assert.equal(amis.length, 1);
      assert.equal(amis[0]!.imageId, image.outputResources?.amis?.[0]?.image);
    } finally {
      await srv.close();
    }
  });
});
