// Durability: the real `ibex serve` as a child process on a file database. Everything answered
// with 200 must survive `kill -9` and a restart, exactly once; SIGTERM shuts down gracefully.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  ImagebuilderClient,
  ListDistributionConfigurationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDistributionConfigurationCommand,
  type DistributionConfigurationSummary,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution } from '../helpers/server.js';
import { killAll, killHard as killHardChild, startChild, type Child } from '../helpers/process.js';

const dirs: string[] = [];
after(() => {
  killAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ibex-kill9-'));
  dirs.push(d);
  return d;
}

function client(url: string): ImagebuilderClient {
  return new ImagebuilderClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } });
}

/** Every summary in the account, following nextToken (bounded). */
async function listAll(c: ImagebuilderClient): Promise<DistributionConfigurationSummary[]> {
  const out: DistributionConfigurationSummary[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await c.send(new ListDistributionConfigurationsCommand({ maxResults: 10, ...(token ? { nextToken: token } : {}) }));
    out.push(...(r.distributionConfigurationSummaryList ?? []));
    token = r.nextToken;
    if (!token) return out;
  }
  throw new Error('more than 100 pages');
}

async function killHard(child: Child): Promise<void> {
  await killHardChild(child);
  assert.equal((await child.exited).signal, 'SIGKILL');
}

const arnOf = (id: string) => `arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/${id}`;

describe('durability', () => {
  it('keeps every acknowledged create, tag, untag and update across kill -9, exactly once', async () => {
    const dataDir = tempDir();
    const first = await startChild(dataDir);
    const c1 = client(first.url);
    const N = 30;
    for (let i = 0; i < N; i++) {
      const out = await c1.send(
        new CreateDistributionConfigurationCommand({
          name: `durable-${i}`,
          description: `config ${i}`,
          distributions: [amiDistribution()],
          tags: { index: String(i) },
          clientToken: `durable-token-${i}`,
        }),
      );
      assert.equal(out.distributionConfigurationArn, arnOf(`durable-${i}`));
    }
    await c1.send(new TagResourceCommand({ resourceArn: arnOf('durable-3'), tags: { extra: 'tagged', index: 'retagged' } }));
    await c1.send(new UntagResourceCommand({ resourceArn: arnOf('durable-4'), tagKeys: ['index'] }));
    await c1.send(
      new UpdateDistributionConfigurationCommand({
        distributionConfigurationArn: arnOf('durable-5'),
        description: 'updated',
        distributions: [amiDistribution('eu-west-1', 'updated {{ imagebuilder:buildDate }}')],
      }),
    );
    // The last acknowledged write: kill -9 the moment its 200 has arrived.
    const last = await c1.send(
      new CreateDistributionConfigurationCommand({ name: 'durable-last', distributions: [amiDistribution()], clientToken: 'durable-last' }),
    );
    assert.equal(last.$metadata.httpStatusCode, 200);
    await killHard(first);
    c1.destroy();

    const second = await startChild(dataDir);
    const c2 = client(second.url);
    try {
      const all = await listAll(c2);
      const arns = all.map((s) => s.arn!).sort();
      const expected = [...Array.from({ length: N }, (_, i) => arnOf(`durable-${i}`)), arnOf('durable-last')].sort();
      assert.deepEqual(arns, expected, 'every acknowledged configuration, each exactly once');
      const byArn = new Map(all.map((s) => [s.arn!, s]));
      for (let i = 0; i < N; i++) {
        const s = byArn.get(arnOf(`durable-${i}`))!;
        assert.equal(s.name, `durable-${i}`);
        if (i !== 5) assert.equal(s.description, `config ${i}`);
        if (i !== 3 && i !== 4) assert.deepEqual(s.tags, { index: String(i) });
      }
      const t3 = await c2.send(new ListTagsForResourceCommand({ resourceArn: arnOf('durable-3') }));
      assert.deepEqual(t3.tags, { index: 'retagged', extra: 'tagged' });
      const t4 = await c2.send(new ListTagsForResourceCommand({ resourceArn: arnOf('durable-4') }));
      assert.deepEqual(t4.tags, {});
      const u5 = (await c2.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arnOf('durable-5') }))).distributionConfiguration!;
      assert.equal(u5.description, 'updated');
      assert.deepEqual(u5.distributions, [amiDistribution('eu-west-1', 'updated {{ imagebuilder:buildDate }}')]);
      assert.ok(u5.dateUpdated, 'dateUpdated survives');
      // The idempotency records survived too: a retry of an acknowledged create replays it.
      const replay = await c2.send(
        new CreateDistributionConfigurationCommand({
          name: 'durable-7',
          description: 'config 7',
          distributions: [amiDistribution()],
          tags: { index: '7' },
          clientToken: 'durable-token-7',
        }),
      );
      assert.equal(replay.distributionConfigurationArn, arnOf('durable-7'));
      assert.equal((await listAll(c2)).length, N + 1);
    } finally {
      c2.destroy();
      await killHard(second);
    }
  });

  it('keeps every create acknowledged during a concurrent burst cut by kill -9', async () => {
    const dataDir = tempDir();
    const first = await startChild(dataDir);
    const c1 = client(first.url);
    const BURST = 40;
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    const calls = Array.from({ length: BURST }, (_, i) =>
      c1.send(new CreateDistributionConfigurationCommand({ name: `burst-${i}`, distributions: [amiDistribution()], clientToken: `burst-${i}` })).then((out) => {
        if (killed) return; // arrived after the kill was decided: not counted as acknowledged
        acknowledged.push(out.distributionConfigurationArn!);
        if (acknowledged.length === BURST / 2) killed = killHard(first);
      }),
    );
    await Promise.allSettled(calls);
    if (!killed) killed = killHard(first); // all answered before the threshold check could cut
    await killed;
    c1.destroy();
    assert.ok(acknowledged.length >= BURST / 2, `acknowledged ${acknowledged.length}`);

    const second = await startChild(dataDir);
    const c2 = client(second.url);
    try {
      const arns = (await listAll(c2)).map((s) => s.arn!);
      assert.equal(new Set(arns).size, arns.length, 'no configuration stored twice');
      assert.ok(arns.length <= BURST);
      for (const a of acknowledged) assert.ok(arns.includes(a), `acknowledged ${a} was lost`);
      for (const a of arns) assert.match(a, /distribution-configuration\/burst-\d+$/);
    } finally {
      c2.destroy();
      await killHard(second);
    }
  });

  it('exits with code 0 promptly on SIGTERM, even with an idle keep-alive connection, and keeps its data', async () => {
    const dataDir = tempDir();
    const child = await startChild(dataDir);
    const c = client(child.url);
    await c.send(new CreateDistributionConfigurationCommand({ name: 'graceful', distributions: [amiDistribution()] }));
    const started = Date.now();
    child.proc.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 5_000).unref());
    const result = await Promise.race([child.exited, timeout]);
    c.destroy();
    assert.notEqual(result, 'timeout', `ibex did not exit within 5 s of SIGTERM: ${child.stderr()}`);
    assert.deepEqual(result, { code: 0, signal: null });
    assert.ok(Date.now() - started < 5_000);
    assert.match(child.stderr(), /SIGTERM, shutting down/);

    const again = await startChild(dataDir);
    const c2 = client(again.url);
    try {
      const got = await c2.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arnOf('graceful') }));
      assert.equal(got.distributionConfiguration?.name, 'graceful');
    } finally {
      c2.destroy();
      await killHard(again);
    }
  });
});
