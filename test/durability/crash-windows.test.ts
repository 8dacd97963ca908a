// Every crash window at the edges of a distribution, reproduced exactly: the server pauses at the
// point under test (IBEX_PAUSE_AT, a hook read only under IBEX_TEST), is killed -9 there, and is
// restarted on the same data. Afterwards nothing is duplicated or stranded, and a retried client
// token answers the first image (or creates it once, when nothing had committed). The runner
// commits each event-loop turn's writes as one group; killed exactly as a group commits, the
// database holds each copy's AMI exactly when it holds that copy's step as succeeded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  ImagebuilderClient,
  ImportVmImageCommand,
  ListImageBuildVersionsCommand,
  RetryImageCommand,
} from '@aws-sdk/client-imagebuilder';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { freePort, killAll, killHard, pausedAt, startChild, type Child } from '../helpers/process.js';

let dir: string;
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-windows-'));
  const world = testWorld();
  // Copies take a moment, so the owner's copies and what follows their wait are separate groups.
  world.timings = { ...world.timings, copyImageMs: 50 };
  writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
});
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

interface Env {
  port: number;
  data: string;
  client: ImagebuilderClient;
  start: (pauseAt?: string) => Promise<Child>;
}

async function env(): Promise<Env> {
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
  return { port, data, client, start };
}

async function config(client: ImagebuilderClient, name: string): Promise<string> {
  return (
    await client.send(
      new CreateDistributionConfigurationCommand({
        name,
        distributions: ['us-west-2', 'eu-west-1'].map((region) => ({
          region,
          amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}`, targetAccountIds: [TARGET] },
        })),
      }),
    )
  ).distributionConfigurationArn!;
}

async function settled(client: ImagebuilderClient, arn: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const image = (await client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    const s = image.state?.status;
    if (s === 'AVAILABLE' || s === 'FAILED' || s === 'CANCELLED' || Date.now() > until) return image;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The AMIs in the world tagged with the image's ARN, as "region/account". */
async function amisOf(port: number, arn: string): Promise<string[]> {
  const world = (await (await fetch(`http://127.0.0.1:${port}/_ibex/world`)).json()) as {
    images: { accountId: string; region: string; tags: Record<string, string> }[];
  };
  return world.images
    .filter((i) => i.tags.Ec2ImageBuilderArn === arn)
    .map((i) => `${i.region}/${i.accountId}`)
    .sort();
}

const EXPECTED = [`eu-west-1/${OWNER}`, `eu-west-1/${TARGET}`, `us-west-2/${OWNER}`, `us-west-2/${TARGET}`].sort();

/** Sends a request that will never be answered (the server pauses on it), ignoring its failure. */
function hang(p: Promise<unknown>): void {
  p.catch(() => undefined);
}

async function buildsOf(client: ImagebuilderClient): Promise<string[]> {
  const out = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/golden-linux/1.0.0` }));
  return (out.imageSummaryList ?? []).map((i) => i.arn!);
}

/** What a killed server left in its database: the copies stored as succeeded, the image's AMIs, its waits. */
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

describe('crash windows', () => {
  for (const kind of ['copyImage', 'waitImage']) {
    it(`kill -9 as the group finishing ${kind} steps commits: world writes and step rows are lost together; the run then completes once`, async () => {
      const e = await env();
      const point = `group-commit:${kind}`;
      let child = await e.start(point);
      const cfg = await config(e.client, `group-${kind}`);
      const { imageBuildVersionArn: arn } = await e.client.send(
        new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
      );
      await pausedAt(child, point);
      await killHard(child);
      const left = leftBehind(e.data, arn!);
      assert.deepEqual(left.amis, left.copied, 'an AMI is stored exactly when the copy that made it is stored as succeeded');
      assert.ok(left.copied.length < EXPECTED.length, 'the paused group held copies or what follows them, and they are gone');
      if (kind === 'waitImage') {
        assert.ok(left.copied.length > 0, 'the groups before it (the owner’s copies) committed');
        assert.ok(left.waits.done < left.waits.all, 'the waits that ended in the paused group are not stored as ended');
      } else {
        assert.equal(left.waits.done, 0);
      }
      child = await e.start();
      const image = await settled(e.client, arn!);
      assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
      assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), EXPECTED);
      assert.deepEqual(await amisOf(e.port, arn!), EXPECTED, 'every copy made once');
      await killHard(child);
    });
  }

  it("kill -9 inside DistributeImage's transaction: nothing was written; the retried token makes the one image", async () => {
    const e = await env();
    let child = await e.start('distribute-image');
    const cfg = await config(e.client, 'win-a');
    const input = { sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r', clientToken: 'tok-a' };
    hang(e.client.send(new DistributeImageCommand(input)));
    await pausedAt(child, 'distribute-image');
    await killHard(child);
    child = await e.start();
    assert.deepEqual(await buildsOf(e.client), [], 'no image survives a rolled-back start');
    const first = await e.client.send(new DistributeImageCommand(input));
    const again = await e.client.send(new DistributeImageCommand(input));
    assert.equal(again.imageBuildVersionArn, first.imageBuildVersionArn);
    const image = await settled(e.client, first.imageBuildVersionArn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(await buildsOf(e.client), [first.imageBuildVersionArn]);
    assert.deepEqual(await amisOf(e.port, first.imageBuildVersionArn!), EXPECTED);
    await killHard(child);
  });

  it('kill -9 after DistributeImage committed but before it answered: the retried token answers that image', async () => {
    const e = await env();
    let child = await e.start('distribute-image-committed');
    const cfg = await config(e.client, 'win-b');
    const input = { sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r', clientToken: 'tok-b' };
    hang(e.client.send(new DistributeImageCommand(input)));
    await pausedAt(child, 'distribute-image-committed');
    await killHard(child);
    child = await e.start();
    const stored = await buildsOf(e.client);
    assert.equal(stored.length, 1, 'the committed image is there');
    const retried = await e.client.send(new DistributeImageCommand(input));
    assert.equal(retried.imageBuildVersionArn, stored[0]);
    const image = await settled(e.client, stored[0]!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(await buildsOf(e.client), stored, 'no second image');
    assert.deepEqual(await amisOf(e.port, stored[0]!), EXPECTED, 'every copy made once');
    await killHard(child);
  });

  it('kill -9 as a run ends: after restart the image is AVAILABLE with all its outputs', async () => {
    const e = await env();
    let child = await e.start('run-end');
    const cfg = await config(e.client, 'win-c');
    const { imageBuildVersionArn: arn } = await e.client.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    await pausedAt(child, 'run-end');
    await killHard(child);
    child = await e.start();
    const image = await settled(e.client, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), EXPECTED);
    assert.deepEqual(await amisOf(e.port, arn!), EXPECTED);
    await killHard(child);
  });

  it('kill -9 inside RetryImage: the image stays FAILED (retryable), and the retried token re-runs only what failed', async () => {
    const e = await env();
    let child = await e.start('retry-image');
    const fault = await fetch(`http://127.0.0.1:${e.port}/_ibex/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'ec2', operation: 'CopyImage', region: 'eu-west-1', accountId: TARGET, error: 'InvalidParameterValue', times: 1 }),
    });
    assert.equal(fault.status, 200);
    const cfg = await config(e.client, 'win-d');
    const { imageBuildVersionArn: arn } = await e.client.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    assert.equal((await settled(e.client, arn!)).state?.status, 'FAILED');
    hang(e.client.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'tok-d' })));
    await pausedAt(child, 'retry-image');
    await killHard(child);
    child = await e.start();
    assert.equal((await e.client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'FAILED');
    const retried = await e.client.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'tok-d' }));
    assert.equal(retried.imageBuildVersionArn, arn);
    const image = await settled(e.client, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(await amisOf(e.port, arn!), EXPECTED);
    await killHard(child);
  });

  it('kill -9 inside a Create: neither the configuration nor its token exists; the retry creates it once', async () => {
    const e = await env();
    let child = await e.start('create-distribution-configuration');
    const input = { name: 'win-e', clientToken: 'tok-e', distributions: [{ region: 'us-west-2', amiDistributionConfiguration: {} }] };
    hang(e.client.send(new CreateDistributionConfigurationCommand(input)));
    await pausedAt(child, 'create-distribution-configuration');
    await killHard(child);
    child = await e.start();
    const arn = `arn:aws:imagebuilder:us-east-1:${OWNER}:distribution-configuration/win-e`;
    await assert.rejects(e.client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn })), { name: 'ResourceNotFoundException' });
    const first = await e.client.send(new CreateDistributionConfigurationCommand(input));
    const again = await e.client.send(new CreateDistributionConfigurationCommand(input));
    assert.equal(first.distributionConfigurationArn, arn);
    assert.equal(again.distributionConfigurationArn, arn);
    await killHard(child);
  });
  it('kill -9 after an import committed but before it answered: the retried token answers that image, imported once', async () => {
    const e = await env();
    let child = await e.start('import-image-committed');
    const input = {
      name: 'legacy-vm',
      semanticVersion: '1.0.0',
      platform: 'Linux' as const,
      vmImportTaskId: 'import-ami-0123456789abcdef0',
      clientToken: 'tok-import',
    };
    hang(e.client.send(new ImportVmImageCommand(input)));
    await pausedAt(child, 'import-image-committed');
    await killHard(child);
    child = await e.start();
    const retried = await e.client.send(new ImportVmImageCommand(input));
    const arn = `arn:aws:imagebuilder:us-east-1:${OWNER}:image/legacy-vm/1.0.0/1`;
    assert.equal(retried.imageArn, arn);
    const builds = await e.client.send(new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/legacy-vm/1.0.0` }));
    assert.deepEqual(
      (builds.imageSummaryList ?? []).map((i) => i.arn),
      [arn],
    );
    const amis = (await (await fetch(`http://127.0.0.1:${e.port}/_ibex/world`)).json()) as { images: { tags: Record<string, string> }[] };
    assert.equal(amis.images.filter((i) => i.tags.Ec2ImageBuilderArn === arn).length, 1);
    await killHard(child);
  });
});
