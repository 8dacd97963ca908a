// A data directory that refuses to lie: a vanished or emptied database, a newer schema and a
// damaged file each stop start-up with their own message; a full volume answers 503
// ServiceUnavailableException "The data volume is full…" (keeping nothing of the request) and
// shows in /_ibex/health; a corrupted row is named, not a 500; `ibex backup` and `ibex check`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  ListImagesCommand,
} from '@aws-sdk/client-imagebuilder';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { amiDistribution, errorOf, startTestServer } from '../helpers/server.js';
import { runCli } from '../cli/run-cli.js';

let root: string;
let n = 0;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ibex-datadir-'));
});
after(() => rmSync(root, { recursive: true, force: true }));
const fresh = (): string => join(root, `d${++n}`);

/** A data directory holding a real database with one configuration. */
async function populated(): Promise<string> {
  const dir = fresh();
  const srv = await startTestServer({ inMemory: false, dataDir: dir });
  await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'kept', distributions: [amiDistribution()] }));
  await srv.close();
  return dir;
}

describe('opening a data directory', () => {
  it('refuses to start empty when the database vanished from a directory that held one', async () => {
    const dir = await populated();
    for (const f of ['ibex.sqlite', 'ibex.sqlite-wal', 'ibex.sqlite-shm']) rmSync(join(dir, f), { force: true });
    assert.throws(
      () => openDatabase({ dataDir: dir }),
      (e: Error) => {
        assert.match(
          e.message,
          new RegExp(`^${join(dir, 'ibex.sqlite').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is missing, but .* held an ibex database \\(created \\d{4}-`),
        );
        assert.match(e.message, /delete .*ibex-data\.json to start with an empty database\.$/);
        return true;
      },
    );
    assert.equal(existsSync(join(dir, 'ibex.sqlite')), false, 'no empty database was created in its place');
  });

  it('refuses an emptied (0-byte) database file the same way', async () => {
    const dir = await populated();
    rmSync(join(dir, 'ibex.sqlite-wal'), { force: true });
    writeFileSync(join(dir, 'ibex.sqlite'), '');
    assert.throws(() => openDatabase({ dataDir: dir }), /ibex\.sqlite is empty, but .* held an ibex database/);
  });

  it('refuses a database with a newer schema than this ibex knows', async () => {
    const dir = await populated();
    const db = new Database(join(dir, 'ibex.sqlite'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')").run();
    db.close();
    assert.throws(
      () => openDatabase({ dataDir: dir }),
      /^Error: The database has schema version 999, newer than this ibex knows \(\d+\)\. Run the newer ibex that wrote it, or restore a backup made by this version\.$/,
    );
  });

  it('refuses a damaged database file (integrity check)', async () => {
    const dir = await populated();
    const fd = openSync(join(dir, 'ibex.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096);
    closeSync(fd);
    assert.throws(
      () => openDatabase({ dataDir: dir }),
      /ibex\.sqlite (failed SQLite's integrity check|cannot be opened as an ibex database).*Restore it from a backup \(ibex backup\)/,
    );
  });

  it('serve exits 2 with the message instead of starting', async () => {
    const dir = await populated();
    rmSync(join(dir, 'ibex.sqlite'));
    const r = await runCli(['serve', '--data-dir', dir, '--port', '0', '--log-level', 'silent']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ibex: .*ibex\.sqlite is missing, but/);
  });
});

describe('a full data volume', () => {
  it('answers 503 "The data volume is full", keeps nothing, and shows in /_ibex/health until writes work again', async () => {
    const srv = await startTestServer({ inMemory: false, dataDir: fresh() });
    try {
      const c = srv.client();
      const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'before', distributions: [amiDistribution()] })))
        .distributionConfigurationArn!;
      const pages = srv.db.pragma('page_count', { simple: true }) as number;
      srv.db.pragma(`max_page_count = ${pages}`);
      const big = 'x'.repeat(1000);
      // Fill the allowed pages; the first refused write is the full volume's answer.
      let e: (Error & { name: string; $metadata: { httpStatusCode?: number } }) | undefined;
      for (let i = 0; i < 200 && !e; i++) {
        try {
          await c.send(new CreateDistributionConfigurationCommand({ name: `full-${i}`, description: big, distributions: [amiDistribution()] }));
        } catch (err) {
          e = err as typeof e;
        }
      }
      assert.ok(e, 'a write was refused');
      // Use up the slack left in partly filled pages too, so that no later write fits.
      const filler = srv.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      for (let i = 0; i < 10_000; i++) {
        try {
          filler.run(`filler-${i}`, 'f'.repeat(64));
        } catch {
          break;
        }
      }
      assert.equal(e.name, 'ServiceUnavailableException');
      assert.equal(e.$metadata.httpStatusCode, 503);
      assert.equal(e.message, 'The data volume is full: ibex cannot record this change, and nothing of it was kept. Free space on the data volume and retry.');
      const source = srv.world.snapshot().images.find((i) => i.region === 'us-east-1')!.imageId;
      // Tags bigger than any page's slack: the image's transaction needs new pages.
      const bigTags = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'.repeat(250)]));
      const d = await errorOf(() =>
        c.send(
          new DistributeImageCommand({ sourceImage: source, distributionConfigurationArn: cfg, executionRole: 'r', clientToken: 'full-tok', tags: bigTags }),
        ),
      );
      assert.equal(d.name, 'ServiceUnavailableException');
      assert.deepEqual((await c.send(new ListImagesCommand({}))).imageVersionList ?? [], [], 'no orphan image');
      const h = await fetch(`${srv.url}/_ibex/health`);
      assert.equal(h.status, 503);
      const down = (await h.json()) as Record<string, unknown>;
      assert.deepEqual(
        { status: down.status, problem: down.problem, since: typeof down.since },
        { status: 'unavailable', problem: 'the data volume is full', since: 'string' },
      );
      assert.deepEqual(down.database, { engine: 'sqlite', inMemory: false });
      srv.db.pragma('max_page_count = 1073741823');
      srv.db.prepare("DELETE FROM meta WHERE key LIKE 'filler-%'").run();
      await c.send(new CreateDistributionConfigurationCommand({ name: 'after', distributions: [amiDistribution()] }));
      const ok = await fetch(`${srv.url}/_ibex/health`);
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { status: string }).status, 'ok');
    } finally {
      await srv.close();
    }
  });
});

describe('corrupted rows', () => {
  it('names the corrupted row instead of answering 500, for images and configurations', async () => {
    const srv = await startTestServer({ inMemory: false, dataDir: fresh() });
    try {
      const c = srv.client();
      const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'rot', distributions: [amiDistribution()] }))).distributionConfigurationArn!;
      const source = srv.world.snapshot().images.find((i) => i.region === 'us-east-1')!.imageId;
      const { imageBuildVersionArn: img } = await c.send(
        new DistributeImageCommand({ sourceImage: source, distributionConfigurationArn: cfg, executionRole: 'r' }),
      );
      for (let i = 0; i < 200; i++) {
        const st = (await c.send(new GetImageCommand({ imageBuildVersionArn: img }))).image?.state?.status;
        if (st === 'AVAILABLE' || st === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      srv.db.prepare("UPDATE images SET body = '{broken' WHERE arn = ?").run(img);
      const e = await errorOf(() => c.send(new GetImageCommand({ imageBuildVersionArn: img })));
      assert.equal(e.name, 'ServiceUnavailableException');
      assert.match(
        e.message,
        new RegExp(
          `^The stored row '${img!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' in table 'images' is corrupted \\(.+\\); restore the data directory from a backup`,
        ),
      );
      // A configuration never read yet (so not in the read cache) whose stored JSON rotted.
      const other = (await c.send(new CreateDistributionConfigurationCommand({ name: 'rot2', distributions: [amiDistribution()] })))
        .distributionConfigurationArn!;
      srv.db.prepare("UPDATE distribution_configurations SET distributions = 'nope' WHERE arn = ?").run(other);
      const cfgArn = other;
      const g = await errorOf(() => c.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: cfgArn })));
      assert.equal(g.name, 'ServiceUnavailableException', g.message);
      assert.match(g.message, /in table 'distribution_configurations' is corrupted/);
    } finally {
      await srv.close();
    }
  });
});

describe('ibex check and ibex backup', () => {
  it('check passes a sound directory, and names a corrupted row (exit 1)', async () => {
    const dir = await populated();
    const ok = await runCli(['check', '--data-dir', dir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /ibex\.sqlite: ok \(schema version \d+\)/);
    const db = new Database(join(dir, 'ibex.sqlite'));
    db.prepare("UPDATE distribution_configurations SET distributions = '[{' WHERE name = 'kept'").run();
    db.close();
    const bad = await runCli(['check', '--data-dir', dir]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout,
      /corrupted row: table distribution_configurations, 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration\/kept', column distributions/,
    );
    assert.match(bad.stderr, /has 1 problem\(s\)/);
  });

  it('backup writes a verified copy that serves the same data', async () => {
    const dir = await populated();
    const out = join(root, `backup-${n}.sqlite`);
    const r = await runCli(['backup', out, '--data-dir', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^backed up .* \(\d+ bytes, schema version \d+\)\n$/);
    const again = await runCli(['backup', out, '--data-dir', dir]);
    assert.equal(again.code, 2, 'refuses to overwrite');
    const restored = fresh();
    mkdirSync(restored);
    copyFileSync(out, join(restored, 'ibex.sqlite'));
    const srv = await startTestServer({ inMemory: false, dataDir: restored });
    try {
      const got = await srv.client().send(
        new GetDistributionConfigurationCommand({
          distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/kept',
        }),
      );
      assert.equal(got.distributionConfiguration?.name, 'kept');
    } finally {
      await srv.close();
    }
  });
});
