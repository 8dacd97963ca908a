// The async stores on Kysely (issue #13's first slice): the same contract, run against the embedded
// SQLite file and a real PostgreSQL server — round trips, ordering and pagination, duplicate keys
// as StoreConflict with the winner kept, and transactions that commit together or leave nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores, type DatabaseTarget } from '../../src/store/kysely/database.js';
import { StoreConflict, type Stores } from '../../src/store/async-ports.js';
import type { DistributionConfigurationRecord } from '../../src/store/ports.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };
const other = { accountId: '444455556666', region: 'us-east-1' };
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
      assert.equal(await dc.update(scope, 'alpha', { description: 'd', distributions: rec('alpha').distributions, dateUpdated: '2026-12-03T11:00:00.000Z' }), true);
      assert.deepEqual(await dc.get(scope, 'alpha'), { ...rec('alpha'), description: 'd', dateUpdated: '2026-12-03T11:00:00.000Z' });
      assert.equal(await dc.update(scope, 'nope', { distributions: [], dateUpdated: 'x' }), false);
    });

    it('lists in id order after a cursor, filters by names, counts per scope', async () => {
      const dc = stores.distributionConfigurations;
      for (const id of ['c3', 'c1', 'c2']) await dc.insert(scope, rec(id, `n-${id}`));
      const page1 = await dc.list(scope, { afterId: 'c', limit: 2 });
      assert.deepEqual(page1.map((r) => r.id), ['c1', 'c2']);
      assert.deepEqual((await dc.list(scope, { afterId: 'c2', limit: 2 })).map((r) => r.id), ['c3']);
      assert.deepEqual((await dc.list(scope, { names: ['n-c3', 'n-c1'], limit: 10 })).map((r) => r.id), ['c1', 'c3']);
      assert.deepEqual(await dc.list(scope, { names: [], limit: 10 }), []);
      assert.equal(await dc.count(scope), 4);
      assert.equal(await dc.count(other), 0);
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

    it('idempotency: a second first use of a token loses with StoreConflict; the first response stays', async () => {
      await stores.idempotency.put(scope, 'CreateDistributionConfiguration', 'tok', { requestHash: 'h1', response: { arn: 'a1' } });
      await assert.rejects(stores.idempotency.put(scope, 'CreateDistributionConfiguration', 'tok', { requestHash: 'h2', response: { arn: 'a2' } }), StoreConflict);
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
describe('on PostgreSQL', () => {
  before(async () => {
    pgServer = await startPostgres();
  });
  after(async () => {
    await pgServer?.stop();
  });
  contract('PostgreSQL', () => ({ kind: 'postgres', url: pgServer!.url }));
});
