// `ibex migrate-store` against a real PostgreSQL server: a data directory written by a real ibex
// (settings with tags, a distribution to two Regions and an account, a lifecycle policy, the world)
// is copied row for row, reads back through the async stores as the SQLite stores read it, and is
// refused — changing nothing — into a database that already holds data, from an older schema, and
// when the target fails mid-copy (one transaction: no table keeps a row).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CreateDistributionConfigurationCommand, CreateLifecyclePolicyCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { runCli } from '../cli/run-cli.js';
import { openStores } from '../../src/store/kysely/database.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/db.js';

const scope = { accountId: OWNER, region: 'us-east-1' };
const BOOKKEEPING = new Set(['schema_migrations', 'kysely_migration', 'kysely_migration_lock']);

let dir: string;
let configArn: string;
let imageArn: string;
const servers: TestPostgres[] = [];

/** Every table of the SQLite file with its columns and its rows (as sorted JSON). */
function sqliteTables(file: string): Map<string, { columns: string[]; rows: string[] }> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck(true).all();
    return new Map(
      tables
        .filter((t) => !BOOKKEEPING.has(t))
        .map((t) => [
          t,
          {
            columns: db
              .prepare<[], { name: string }>(`PRAGMA table_info("${t}")`)
              .all()
              .map((c) => c.name),
            rows: db
              .prepare(`SELECT * FROM "${t}"`)
              .all()
              .map((r) => JSON.stringify(r))
              .sort(),
          },
        ]),
    );
  } finally {
    db.close();
  }
}

/** The same of the PostgreSQL database, with the columns the SQLite table has (in its order). */
async function pgRows(url: string, columnsOf: Map<string, string[]>): Promise<Map<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out = new Map<string, string[]>();
    for (const [t, cols] of columnsOf) {
      const res = await c.query(`SELECT ${cols.map((x) => `"${x}"`).join(', ')} FROM "${t}"`);
      // BIGINT arrives as a string from pg; SQLite's INTEGER is a number.
      out.set(
        t,
        res.rows
          .map((r: Record<string, unknown>) =>
            JSON.stringify(
              Object.fromEntries(
                cols.map((k) => [
                  k,
                  typeof r[k] === 'string' && /^(0|-?[1-9]\d*)$/.test(r[k] as string) && res.fields.find((f) => f.name === k)!.dataTypeID === 20
                    ? Number(r[k])
                    : r[k],
                ]),
              ),
            ),
          )
          .sort(),
      );
    }
    return out;
  } finally {
    await c.end();
  }
}

async function pgCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map(
      (r: { table_name: string }) => r.table_name,
    );
    let n = 0;
    for (const t of tables.filter((x: string) => !BOOKKEEPING.has(x))) n += Number((await c.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
    return n;
  } finally {
    await c.end();
  }
}

async function freshDatabase(): Promise<string> {
  const p = await startPostgres();
  servers.push(p);
  return p.url;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-migrate-'));
  const srv = await startTestServer({ inMemory: false, dataDir: dir, worldSpec: testWorld() });
  try {
    const c = srv.client();
    configArn = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'to-move',
          description: 'copied to PostgreSQL',
          tags: { team: 'platform' },
          distributions: [
            { region: 'us-east-1', amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
            { region: 'us-west-2', amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}' } },
          ],
        }),
      )
    ).distributionConfigurationArn!;
    imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: configArn, executionRole: 'r' })))
      .imageBuildVersionArn!;
    assert.equal((await waitForImage(c, imageArn)).state?.status, 'AVAILABLE');
    await c.send(
      new CreateLifecyclePolicyCommand({
        name: 'old-images',
        executionRole: 'arn:aws:iam::123456789012:role/lifecycle',
        resourceType: 'AMI_IMAGE',
        policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'AGE', value: 90, unit: 'DAYS' } }],
        resourceSelection: { tagMap: { team: 'platform' } },
      }),
    );
  } finally {
    await srv.close();
  }
});

after(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ibex migrate-store', () => {
  it('copies every row of every table into PostgreSQL, and the async stores read it back', async () => {
    const url = await freshDatabase();
    const r = await runCli(['migrate-store', '--data-dir', dir, '--to', url]);
    assert.equal(r.code, 0, r.stderr);
    const file = join(dir, 'ibex.sqlite');
    const source = sqliteTables(file);
    const want = new Map([...source].map(([t, v]) => [t, v.rows]));
    assert.ok((want.get('distribution_steps') ?? []).length >= 2 && (want.get('world_resources') ?? []).length > 0, 'the source holds a run and a world');
    const total = [...want.values()].reduce((n, rows) => n + rows.length, 0);
    assert.match(r.stdout, new RegExp(`copied ${total} rows of ${want.size} tables from `));
    assert.deepEqual(await pgRows(url, new Map([...source].map(([t, v]) => [t, v.columns]))), want);

    const stores = await openStores({ kind: 'postgres', url });
    try {
      const id = configArn.split('/').pop()!;
      const cfg = await stores.distributionConfigurations.get(scope, id);
      assert.equal(cfg?.name, 'to-move');
      assert.deepEqual(
        cfg?.distributions.map((d) => d.region),
        ['us-east-1', 'us-west-2'],
      );
      assert.deepEqual(await stores.tags.get(scope, configArn), { team: 'platform' });
      const image = await stores.images.get(scope, imageArn);
      assert.equal(image?.state?.status, 'AVAILABLE');
      assert.equal(image?.outputResources?.amis?.length, 3);
      assert.equal((await stores.lifecycle.listPolicies(scope)).map((p) => p.name).join(), 'old-images');
    } finally {
      await stores.close();
    }
  });

  it('refuses a database that already holds ibex data, and leaves it as it was', async () => {
    const url = await freshDatabase();
    assert.equal((await runCli(['migrate-store', '--data-dir', dir, '--to', url])).code, 0);
    const before = await pgCount(url);
    const r = await runCli(['migrate-store', '--data-dir', dir, '--to', url]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ibex: the target already holds ibex data \(\w+: \d+ rows\); migrate-store fills an empty database only\n$/);
    assert.equal(await pgCount(url), before);
  });

  it('refuses a data directory at an older schema, writing nothing', async () => {
    const old = mkdtempSync(join(tmpdir(), 'ibex-migrate-old-'));
    try {
      cpSync(dir, old, { recursive: true });
      const db = new Database(join(old, 'ibex.sqlite'));
      db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(SCHEMA_VERSION);
      db.close();
      const url = await freshDatabase();
      const r = await runCli(['migrate-store', '--data-dir', old, '--to', url]);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        `ibex: the database in ${old} is at schema version ${SCHEMA_VERSION - 1}, this ibex writes ${SCHEMA_VERSION}: start \`ibex serve\` on it once to upgrade it, then migrate.\n`,
      );
      assert.equal(await pgCount(url), 0);
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });

  it('keeps no row when the target fails mid-copy (one transaction)', async () => {
    const url = await freshDatabase();
    // Migrate the empty database, then make the last table copied refuse inserts.
    await (await openStores({ kind: 'postgres', url })).close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$ LANGUAGE plpgsql`);
    await c.query('CREATE TRIGGER refuse BEFORE INSERT ON world_resources FOR EACH ROW EXECUTE FUNCTION refuse()');
    await c.end();
    const r = await runCli(['migrate-store', '--data-dir', dir, '--to', url]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ibex: migrate-store failed, nothing was copied: .*disk on fire/);
    assert.equal(await pgCount(url), 0);
  });

  it('is a usage error without a target', async () => {
    const r = await runCli(['migrate-store', '--data-dir', dir], { IBEX_DATABASE_URL: '' });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ibex: name the target database with --to postgres://… (or IBEX_DATABASE_URL)\n');
  });
});
