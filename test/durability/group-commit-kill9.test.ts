// The runner commits each event-loop turn's writes as one group (claims, the simulated world's
// writes, checkpoints). The server is killed -9 exactly as a group commits (IBEX_PAUSE_AT
// `group-commit:<kind>`, a hook read only under IBEX_TEST): the database it leaves holds each copy's
// AMI exactly when it holds that copy's step as succeeded (a kill loses both or neither), and the
// restarted server finishes the run with one AMI per Region and account.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { freePort, killAll, killHard, pausedAt, startChild } from '../helpers/process.js';

let dir: string;
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-group-'));
  const world = testWorld();
  // Copies take a moment, so the owner's copies and what follows their wait are separate groups.
  world.timings = { ...world.timings, copyImageMs: 50 };
  writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
});
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const EXPECTED = [`eu-west-1/${OWNER}`, `eu-west-1/${TARGET}`, `us-west-2/${OWNER}`, `us-west-2/${TARGET}`].sort();

/** What the killed server left in its database: the copies recorded as done and the image's AMIs. */
function leftBehind(data: string, arn: string): { copied: string[]; amis: string[]; waits: { done: number; all: number } } {
  const db = new Database(join(data, 'ibex.sqlite'));
  try {
    const steps = db.prepare('SELECT kind, status, output FROM distribution_steps').all() as { kind: string; status: string; output: string | null }[];
    const copied = steps
      .filter((s) => s.kind === 'copyImage' && s.status === 'succeeded')
      .map((s) => (JSON.parse(s.output!) as { imageId: string }).imageId)
      .sort();
    const waits = steps.filter((s) => s.kind === 'waitImage');
    const amis = (db.prepare("SELECT id, body FROM world_resources WHERE kind = 'ami'").all() as { id: string; body: string }[])
      .filter((r) => (JSON.parse(r.body) as { tags?: Record<string, string> }).tags?.Ec2ImageBuilderArn === arn)
      .map((r) => r.id)
      .sort();
    return { copied, amis, waits: { done: waits.filter((s) => s.status === 'succeeded').length, all: waits.length } };
  } finally {
    db.close();
  }
}

describe('group commits across kill -9', () => {
  for (const kind of ['copyImage', 'waitImage']) {
    it(`kill -9 as the group finishing ${kind} steps commits: world writes and step rows are lost together; the run then completes once`, async () => {
      const port = await freePort();
      const data = join(dir, `data-${++n}`);
      const client = new ImagebuilderClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: OWNER, secretAccessKey: 'x' },
      });
      const start = (pauseAt?: string) =>
        startChild(data, { port, args: ['--world', join(dir, 'world.json')], ...(pauseAt ? { env: { IBEX_TEST: '1', IBEX_PAUSE_AT: pauseAt } } : {}) });
      const point = `group-commit:${kind}`;
      let child = await start(point);
      const cfg = (
        await client.send(
          new CreateDistributionConfigurationCommand({
            name: `group-${kind}`,
            distributions: ['us-west-2', 'eu-west-1'].map((region) => ({
              region,
              amiDistributionConfiguration: { name: `g-${kind}-{{ imagebuilder:buildDate }}`, targetAccountIds: [TARGET] },
            })),
          }),
        )
      ).distributionConfigurationArn!;
      const { imageBuildVersionArn: arn } = await client.send(
        new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
      );
      await pausedAt(child, point);
      await killHard(child);

      const left = leftBehind(data, arn!);
      assert.deepEqual(left.amis, left.copied, 'an AMI is stored exactly when the copy that made it is stored as succeeded');
      assert.ok(left.copied.length < EXPECTED.length, 'the paused group held copies or what follows them, and they are gone');
      if (kind === 'waitImage') {
        assert.ok(left.copied.length > 0, 'the groups before it (the owner’s copies) committed');
        assert.ok(left.waits.done < left.waits.all, 'the waits that ended in the paused group are not stored as ended');
      } else {
        assert.equal(left.waits.done, 0);
      }

      child = await start();
      const until = Date.now() + 20_000;
      let image;
      for (;;) {
        image = (await client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
        if (image.state?.status === 'AVAILABLE' || image.state?.status === 'FAILED' || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
      assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), EXPECTED);
      const world = (await (await fetch(`http://127.0.0.1:${port}/_ibex/world`)).json()) as {
        images: { accountId: string; region: string; tags: Record<string, string> }[];
      };
      const made = world.images.filter((i) => i.tags.Ec2ImageBuilderArn === arn).map((i) => `${i.region}/${i.accountId}`);
      assert.deepEqual(made.sort(), EXPECTED, 'every copy made once');
      await killHard(child);
    });
  }
});
