// The async stores on Kysely (issue #13): the same contract, run against the embedded SQLite file
// and a real PostgreSQL server — round trips, ordering and pagination, duplicate keys as
// StoreConflict with the winner kept, and transactions that commit together or leave nothing. The
// core and build-side cases are here; the other stores' groups are in async-contract/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStores, type DatabaseTarget } from '../../src/store/kysely/database.js';
import { StoreConflict, type Stores } from '../../src/store/async-ports.js';
import type { DistributionConfigurationRecord } from '../../src/store/ports.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { other, scope } from './async-contract/context.js';
import { imageCases } from './async-contract/images.js';
import { lifecycleCases } from './async-contract/lifecycle.js';
import { rolloutCases } from './async-contract/rollouts.js';
import { schemaCases } from './async-contract/schema.js';
import { runCases } from './async-contract/runs.js';
import { workflowRunCases } from './async-contract/workflow-runs.js';
import { worldRowCases } from './async-contract/world-rows.js';

const rec = (id: string, name = id): DistributionConfigurationRecord => ({
  id,
  arn: `arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/${id}`,
  name,
  distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}` } }],
  dateCreated: '2026-12-03T10:00:00.000Z',
});

function contract(label: string, target: () => DatabaseTarget): void {
  describe(`async stores on ${label}`, () => {
    let stores: Stores;
    before(async () => {
      stores = await openStores(target());
    });
    after(async () => {
      await stores.close();
    });

    it('round-trips a configuration, absent fields stay absent, scope isolates accounts', async () => {
      const dc = stores.distributionConfigurations;
      await dc.insert(scope, rec('alpha'));
      assert.deepEqual(await dc.get(scope, 'alpha'), rec('alpha'));
      assert.equal(await dc.get(other, 'alpha'), undefined);
      assert.equal(
        await dc.update(scope, 'alpha', { description: 'd', distributions: rec('alpha').distributions, dateUpdated: '2026-12-03T11:00:00.000Z' }),
        true,
      );
      assert.deepEqual(await dc.get(scope, 'alpha'), { ...rec('alpha'), description: 'd', dateUpdated: '2026-12-03T11:00:00.000Z' });
      assert.equal(await dc.update(scope, 'nope', { distributions: [], dateUpdated: 'x' }), false);
    });

    it('lists in id order after a cursor, filters by names, counts per scope', async () => {
      const dc = stores.distributionConfigurations;
      for (const id of ['c3', 'c1', 'c2']) await dc.insert(scope, rec(id, `n-${id}`));
      const page1 = await dc.list(scope, { afterId: 'c', limit: 2 });
      assert.deepEqual(
        page1.map((r) => r.id),
        ['c1', 'c2'],
      );
      assert.deepEqual(
        (await dc.list(scope, { afterId: 'c2', limit: 2 })).map((r) => r.id),
        ['c3'],
      );
      assert.deepEqual(
        (await dc.list(scope, { names: ['n-c3', 'n-c1'], limit: 10 })).map((r) => r.id),
        ['c1', 'c3'],
      );
      assert.deepEqual(await dc.list(scope, { names: [], limit: 10 }), []);
      assert.equal(await dc.count(scope), 4);
      assert.equal(await dc.count(other), 0);
    });

    it('pages configurations in bytewise id order, whatever the locale', async () => {
      const dc = stores.distributionConfigurations;
      const third = { accountId: '777788889999', region: 'eu-west-1' };
      for (const id of ['k-b', 'kb', 'kB', 'k_b', 'K']) await dc.insert(third, rec(id));
      const seen: string[] = [];
      let afterId: string | undefined;
      for (let page = 0; page < 5; page++) {
        const got = await dc.list(third, { limit: 2, ...(afterId !== undefined ? { afterId } : {}) });
        if (got.length === 0) break;
        seen.push(...got.map((r) => r.id));
        afterId = got.at(-1)!.id;
      }
      assert.deepEqual(seen, ['K', 'k-b', 'kB', 'k_b', 'kb']);
    });

    it('reports a duplicate id as StoreConflict and keeps the first record', async () => {
      const dc = stores.distributionConfigurations;
      await dc.insert(scope, rec('dup', 'first'));
      await assert.rejects(dc.insert(scope, rec('dup', 'second')), (e) => e instanceof StoreConflict && e.table === 'distribution_configurations');
      assert.equal((await dc.get(scope, 'dup'))?.name, 'first');
    });

    it('rolls back every write of a failed transaction, commits every write of a good one', async () => {
      await assert.rejects(
        stores.tx(async (t) => {
          await t.distributionConfigurations.insert(scope, rec('tx-bad'));
          await t.tags.set(scope, rec('tx-bad').arn, { team: 'a' });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await stores.distributionConfigurations.get(scope, 'tx-bad'), undefined);
      assert.deepEqual(await stores.tags.get(scope, rec('tx-bad').arn), {});
      await stores.tx(async (t) => {
        await t.distributionConfigurations.insert(scope, rec('tx-good'));
        await t.tags.set(scope, rec('tx-good').arn, { team: 'b' });
      });
      assert.equal((await stores.distributionConfigurations.get(scope, 'tx-good'))?.id, 'tx-good');
      assert.deepEqual(await stores.tags.get(scope, rec('tx-good').arn), { team: 'b' });
    });

    it('tags: upsert replaces, delete removes, getMany answers every ARN across chunks', async () => {
      const arns = Array.from({ length: 1203 }, (_, i) => `arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.${i}/1`);
      await stores.tags.set(scope, arns[0]!, { a: '1' });
      await stores.tags.set(scope, arns[0]!, { b: '2' });
      await stores.tags.set(scope, arns[1202]!, { c: '3' });
      const many = await stores.tags.getMany(scope, arns);
      assert.equal(many.size, 1203);
      assert.deepEqual(many.get(arns[0]!), { b: '2' });
      assert.deepEqual(many.get(arns[1202]!), { c: '3' });
      assert.deepEqual(many.get(arns[600]!), {});
      await stores.tags.delete(scope, arns[0]!);
      assert.deepEqual(await stores.tags.get(scope, arns[0]!), {});
      assert.deepEqual(await stores.tags.get(other, arns[1202]!), {});
    });

    it('tags: every tagged resource of one type in every scope, by account, Region and ARN', async () => {
      const arn = (account: string, region: string, type: string, id: string) => `arn:aws:imagebuilder:${region}:${account}:${type}/${id}`;
      const tagged = [
        [other, arn(other.accountId, 'us-east-1', 'distribution-configuration', 'of-type-b')],
        [scope, arn(scope.accountId, 'us-east-1', 'distribution-configuration', 'of-type-a')],
        [scope, arn(scope.accountId, 'us-east-1', 'distribution-configuration-x', 'of-type-c')],
        [scope, arn(scope.accountId, 'us-east-1', 'image-recipe', 'of-type-d/1.0.0')],
      ] as const;
      for (const [s, a] of tagged) await stores.tags.set(s, a, { of: 'type' });
      const found = (await stores.tags.ofResourceType('distribution-configuration')).filter((t) => t.arn.includes('/of-type-'));
      assert.deepEqual(found, [
        { scope, arn: tagged[1][1], tags: { of: 'type' } },
        { scope: other, arn: tagged[0][1], tags: { of: 'type' } },
      ]);
      assert.deepEqual(
        (await stores.tags.ofResourceType('image-recipe')).map((t) => t.arn),
        [tagged[3][1]],
      );
    });

    it('idempotency: a second first use of a token loses with StoreConflict; the first response stays', async () => {
      await stores.idempotency.put(scope, 'CreateDistributionConfiguration', 'tok', { requestHash: 'h1', response: { arn: 'a1' } });
      await assert.rejects(
        stores.idempotency.put(scope, 'CreateDistributionConfiguration', 'tok', { requestHash: 'h2', response: { arn: 'a2' } }),
        StoreConflict,
      );
      assert.deepEqual(await stores.idempotency.get(scope, 'CreateDistributionConfiguration', 'tok'), { requestHash: 'h1', response: { arn: 'a1' } });
      assert.equal(await stores.idempotency.get(other, 'CreateDistributionConfiguration', 'tok'), undefined);
    });

    it('two concurrent transactions creating one id: exactly one wins', async () => {
      const attempt = (name: string) =>
        stores.tx(async (t) => {
          await t.distributionConfigurations.insert(scope, rec('race', name));
          await t.tags.set(scope, rec('race').arn, { by: name });
        });
      const results = await Promise.allSettled([attempt('one'), attempt('two')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(results.some((r) => r.status === 'rejected' && r.reason instanceof StoreConflict));
      const winner = (await stores.distributionConfigurations.get(scope, 'race'))!.name;
      assert.deepEqual(await stores.tags.get(scope, rec('race').arn), { by: winner });
    });

    it('build resources: by ARN, by type in id/version/build order, versions of one id, every pipeline', async () => {
      const br = stores.buildResources;
      const r = (id: string, version: string, build: number, type = 'component') => ({
        arn: `arn:aws:imagebuilder:us-east-1:111122223333:${type}/${id}/${version}/${build}`,
        id,
        version,
        buildNumber: build,
        body: { name: id, version },
        dateCreated: '2026-12-03T10:00:00.000Z',
      });
      for (const [id, v, b] of [
        ['b', '1.0.0', 1],
        ['a', '1.0.1', 1],
        ['a', '1.0.0', 2],
        ['a', '1.0.0', 1],
      ] as const)
        await br.insert(scope, 'component', r(id, v, b));
      await br.insert(other, 'image-pipeline', { ...r('p', '', 0, 'image-pipeline'), arn: 'arn:aws:imagebuilder:us-east-1:444455556666:image-pipeline/p' });
      assert.deepEqual(
        (await br.list(scope, 'component')).map((x) => `${x.id}/${x.version}/${x.buildNumber}`),
        ['a/1.0.0/1', 'a/1.0.0/2', 'a/1.0.1/1', 'b/1.0.0/1'],
      );
      assert.deepEqual(
        (await br.versionsOf(scope, 'component', 'b')).map((x) => x.arn),
        [r('b', '1.0.0', 1).arn],
      );
      await assert.rejects(br.insert(scope, 'component', r('b', '1.0.0', 1)), StoreConflict);
      assert.equal(await br.put(scope, r('b', '1.0.0', 1).arn, { name: 'b', changed: true }), true);
      assert.deepEqual((await br.get(scope, r('b', '1.0.0', 1).arn))?.body, { name: 'b', changed: true });
      assert.deepEqual(
        (await br.allPipelines()).map((p) => [p.scope.accountId, p.rec.id]),
        [['444455556666', 'p']],
      );
      assert.equal(await br.delete(scope, r('b', '1.0.0', 1).arn), true);
      assert.equal(await br.get(scope, r('b', '1.0.0', 1).arn), undefined);
    });

    it('builds: instants beyond 32 bits come back as numbers, due builds oldest first, found by workflow id', async () => {
      const t0 = Date.parse('2026-12-03T10:00:00.000Z');
      const arn = (n: number) => `arn:aws:imagebuilder:us-east-1:111122223333:image/r/1.0.0/${n}`;
      await stores.builds.insert({
        scope,
        imageArn: arn(1),
        phase: 'BUILDING',
        dueAt: t0 + 5000,
        spec: { kind: 'AMI' },
        progress: { buildWorkflowId: 'wf-b1' },
      });
      await stores.builds.insert({ scope, imageArn: arn(2), phase: 'PENDING', dueAt: t0, spec: { kind: 'AMI' }, progress: {} });
      await stores.builds.insert({ scope, imageArn: arn(3), phase: 'DONE', dueAt: t0, spec: { kind: 'AMI' }, progress: {} });
      const due = await stores.builds.due<{ kind: string }, Record<string, unknown>>(t0 + 10_000, 10);
      assert.deepEqual(
        due.map((b) => [b.imageArn, b.dueAt]),
        [
          [arn(2), t0],
          [arn(1), t0 + 5000],
        ],
      );
      assert.equal(typeof due[0]!.dueAt, 'number');
      assert.equal((await stores.builds.findByWorkflowId(scope, 'wf-b1'))?.imageArn, arn(1));
      await stores.builds.update(scope, arn(2), 'TESTING', t0 + 1, { testWorkflowId: 'wf-t2' });
      assert.equal((await stores.builds.findByWorkflowId(scope, 'wf-t2'))?.phase, 'TESTING');
      assert.equal(await stores.builds.findByWorkflowId(other, 'wf-t2'), undefined);
    });

    it('pipeline state upserts and deletes; meta keeps the first value of a key', async () => {
      const p = 'arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/p';
      await stores.pipelineState.put(scope, p, { checkedUntil: 1_764_000_000_000, consecutiveFailures: 0 });
      await stores.pipelineState.put(scope, p, { checkedUntil: 1_764_000_060_000, fingerprint: 'f1', consecutiveFailures: 2 });
      assert.deepEqual(await stores.pipelineState.get(scope, p), { checkedUntil: 1_764_000_060_000, fingerprint: 'f1', consecutiveFailures: 2 });
      await stores.pipelineState.delete(scope, p);
      assert.equal(await stores.pipelineState.get(scope, p), undefined);
      const [a, b] = await Promise.all([stores.meta.value('secret', () => 'one'), stores.meta.value('secret', () => 'two')]);
      assert.equal(a, b);
      assert.equal(await stores.meta.value('secret', () => 'three'), a);
      assert.equal(await stores.meta.get('secret'), a);
      assert.equal(await stores.meta.get('clock-offset'), undefined);
      await stores.meta.set('clock-offset', '0');
      await stores.meta.set('clock-offset', '86400000');
      assert.equal(await stores.meta.get('clock-offset'), '86400000');
    });

    const ctx = { stores: () => stores, target };
    imageCases(ctx);
    worldRowCases(ctx);
    workflowRunCases(ctx);
    lifecycleCases(ctx);
    rolloutCases(ctx);
    runCases(ctx);
    schemaCases(ctx);

    it('reopening the same database keeps the records and migrates nothing twice', async () => {
      const again = await openStores(target());
      try {
        assert.equal((await again.distributionConfigurations.get(scope, 'alpha'))?.description, 'd');
      } finally {
        await again.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ibex-async-stores-'));
after(() => rmSync(dir, { recursive: true, force: true }));
contract('SQLite', () => ({ kind: 'sqlite', file: join(dir, 'ibex.sqlite') }));

let pgServer: TestPostgres | undefined;
let localeUrl: string | undefined;
describe('on PostgreSQL', () => {
  before(async () => {
    pgServer = await startPostgres();
    localeUrl = await databaseWithLocale(pgServer.url);
  });
  after(async () => {
    await pgServer?.stop();
  });
  contract('PostgreSQL', () => ({ kind: 'postgres', url: pgServer!.url }));
  // Key order, cursors and id ranges must not depend on the server's locale: the same contract on
  // a database whose default collation is ICU's en-US (which ignores punctuation and case first).
  contract('PostgreSQL with an en-US default collation', () => ({ kind: 'postgres', url: localeUrl! }));
});

/** A new database on the server of `url` whose default collation is ICU's en-US. */
async function databaseWithLocale(url: string): Promise<string> {
  const name = `ibex_test_locale_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
