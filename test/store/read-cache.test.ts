// The stores' read cache (src/store/sqlite/read-cache.ts) must never answer differently from
// SQLite: writes drop the key, rolled-back transactions leave nothing behind, and a cached value
// cannot be changed by a caller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { sqliteDistributionConfigurationStore } from '../../src/store/sqlite/distribution-configurations.js';
import { sqliteTagStore } from '../../src/store/sqlite/tags.js';
import { ReadCache } from '../../src/store/sqlite/read-cache.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };
const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/a';
const record = (description: string) => ({
  id: 'a',
  arn,
  name: 'a',
  description,
  distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'x {{ imagebuilder:buildDate }}' } }],
  dateCreated: '2026-11-26T00:00:00.000Z',
});

test('an update or delete is visible to the next get', () => {
  const db = openDatabase({ inMemory: true });
  const store = sqliteDistributionConfigurationStore(db);
  store.insert(scope, record('one'));
  assert.equal(store.get(scope, 'a')?.description, 'one');
  store.update(scope, 'a', { description: 'two', distributions: record('two').distributions, dateUpdated: '2026-11-26T01:00:00.000Z' });
  assert.equal(store.get(scope, 'a')?.description, 'two');
  assert.equal(store.get(scope, 'a')?.dateUpdated, '2026-11-26T01:00:00.000Z');
  assert.equal(store.delete(scope, 'a'), true);
  assert.equal(store.get(scope, 'a'), undefined);
  db.close();
});

test('a rolled-back transaction leaves no cached value behind', () => {
  const db = openDatabase({ inMemory: true });
  const store = sqliteDistributionConfigurationStore(db);
  const tags = sqliteTagStore(db);
  assert.throws(
    () =>
      db.transaction(() => {
        store.insert(scope, record('in tx'));
        tags.set(scope, arn, { k: 'v' });
        // Read inside the transaction: sees its own writes…
        assert.equal(store.get(scope, 'a')?.description, 'in tx');
        assert.deepEqual(tags.get(scope, arn), { k: 'v' });
        throw new Error('roll back');
      })(),
    /roll back/,
  );
  // …but nothing of it survives the rollback.
  assert.equal(store.get(scope, 'a'), undefined);
  assert.deepEqual(tags.get(scope, arn), {});
  // A cached value changed by a transaction that then rolls back comes back from SQLite.
  store.insert(scope, record('before'));
  tags.set(scope, arn, { k: 'before' });
  assert.equal(store.get(scope, 'a')?.description, 'before');
  assert.throws(() =>
    db.transaction(() => {
      store.update(scope, 'a', { description: 'during', distributions: [], dateUpdated: '2026-11-26T02:00:00.000Z' });
      tags.set(scope, arn, { k: 'during' });
      throw new Error('roll back');
    })(),
  );
  assert.equal(store.get(scope, 'a')?.description, 'before');
  assert.deepEqual(tags.get(scope, arn), { k: 'before' });
  db.close();
});

test('values handed out are frozen all the way down', () => {
  const db = openDatabase({ inMemory: true });
  const store = sqliteDistributionConfigurationStore(db);
  const tags = sqliteTagStore(db);
  store.insert(scope, record('x'));
  tags.set(scope, arn, { k: 'v' });
  const rec = store.get(scope, 'a')!;
  assert.throws(() => {
    (rec.distributions[0] as { region: string }).region = 'eu-west-1';
  }, TypeError);
  assert.throws(() => {
    tags.get(scope, arn).k = 'changed';
  }, TypeError);
  assert.equal(store.get(scope, 'a')!.distributions[0]!.region, 'us-east-1');
  assert.deepEqual(tags.get(scope, arn), { k: 'v' });
  db.close();
});

test('the cache holds at most its bound, dropping the oldest entry first', () => {
  const db = openDatabase({ inMemory: true });
  const cache = new ReadCache<{ n: number }>(db, 3);
  for (let n = 0; n < 5; n++) cache.fill(`k${n}`, { n });
  assert.equal(cache.get('k0'), undefined);
  assert.equal(cache.get('k1'), undefined);
  assert.deepEqual([cache.get('k2')?.n, cache.get('k3')?.n, cache.get('k4')?.n], [2, 3, 4]);
  db.close();
});

test('getMany answers every ARN asked for, from the cache or one query, and sees writes', () => {
  const db = openDatabase({ inMemory: true });
  const tags = sqliteTagStore(db);
  const a = `${arn}-a`;
  const b = `${arn}-b`;
  const c = `${arn}-c`;
  tags.set(scope, a, { k: 'a' });
  tags.set(scope, b, { k: 'b' });
  assert.deepEqual(tags.get(scope, a), { k: 'a' }); // a cached, b and c not
  assert.deepEqual(Object.fromEntries(tags.getMany(scope, [a, b, c])), { [a]: { k: 'a' }, [b]: { k: 'b' }, [c]: {} });
  tags.set(scope, b, { k: 'b2' });
  tags.delete(scope, a);
  tags.set(scope, c, { k: 'c' });
  assert.deepEqual(Object.fromEntries(tags.getMany(scope, [a, b, c])), { [a]: {}, [b]: { k: 'b2' }, [c]: { k: 'c' } });
  db.close();
});

test('a bound of 0 caches nothing: every read goes to SQLite', () => {
  const db = openDatabase({ inMemory: true });
  const cache = new ReadCache<{ n: number }>(db, 0);
  assert.deepEqual(cache.fill('k', { n: 1 }), { n: 1 });
  assert.equal(cache.get('k'), undefined);
  db.close();
});
