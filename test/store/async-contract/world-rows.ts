// The simulated world's rows: upserts by key, id ranges and key order compared bytewise in both
// dialects (a PostgreSQL locale must not change which launch permissions a range deletes), client
// tokens kept out of the start-up read, reset keeping the settings.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { type ContractContext } from './context.js';

export function worldRowCases(ctx: ContractContext): void {
  it('world rows: upsert, get, delete; meta upserts and survives a reset', async () => {
    const w = ctx.stores().worldRows;
    await w.put('ami', '111122223333', 'us-east-1', 'ami-1', { imageId: 'ami-1', state: 'pending' });
    await w.put('ami', '111122223333', 'us-east-1', 'ami-1', { imageId: 'ami-1', state: 'available' });
    assert.deepEqual(await w.get('ami', '111122223333', 'us-east-1', 'ami-1'), { imageId: 'ami-1', state: 'available' });
    assert.equal(await w.get('ami', '111122223333', 'us-west-2', 'ami-1'), undefined);
    assert.equal(await w.get('kmsKey', '111122223333', 'us-east-1', 'ami-1'), undefined);
    await w.delete('ami', '111122223333', 'us-east-1', 'ami-1');
    assert.equal(await w.get('ami', '111122223333', 'us-east-1', 'ami-1'), undefined);
    assert.equal(await w.getMeta('timings'), undefined);
    await w.setMeta('timings', { copy: 1 });
    await w.setMeta('timings', { copy: 2 });
    await w.put('account', '111122223333', '', '111122223333', { accountId: '111122223333' });
    await w.clear();
    assert.deepEqual(await w.all(), []);
    assert.deepEqual(await w.getMeta('timings'), { copy: 2 });
  });

  it('world rows: a range deletes exactly the ids between its bounds, bytewise', async () => {
    const w = ctx.stores().worldRows;
    const ids = ['ami-1|111122223333', 'ami-1|all', 'ami-10|111122223333', 'ami-1}', 'ami-1'];
    for (const id of ids) await w.put('launchPermission', '111122223333', 'us-east-1', id, { id });
    await w.put('launchPermission', '111122223333', 'us-west-2', 'ami-1|111122223333', { id: 'west' });
    await w.deleteRange('launchPermission', '111122223333', 'us-east-1', 'ami-1|', 'ami-1}');
    const left = (await w.all()).map((r) => (r.body as { id: string }).id);
    assert.deepEqual(left, ['ami-1', 'ami-10|111122223333', 'ami-1}', 'west']);
    await w.clear();
  });

  it('world rows: every row but client tokens, in bytewise key order', async () => {
    const w = ctx.stores().worldRows;
    for (const id of ['b', '_', 'B', 'a-b', 'ab']) await w.put('ssmParameter', '111122223333', 'us-east-1', id, { id });
    await w.put('token', '111122223333', 'us-east-1', 'tok', { id: 'tok' });
    await w.put('account', '111122223333', '', '111122223333', { id: 'acct' });
    assert.deepEqual(
      (await w.all()).map((r) => `${r.kind}:${(r.body as { id: string }).id}`),
      ['account:acct', 'ssmParameter:B', 'ssmParameter:_', 'ssmParameter:a-b', 'ssmParameter:ab', 'ssmParameter:b'],
    );
    assert.deepEqual(await w.get('token', '111122223333', 'us-east-1', 'tok'), { id: 'tok' });
    await w.clear();
  });

  it('world rows: writes of a failed transaction leave nothing', async () => {
    const stores = ctx.stores();
    await assert.rejects(
      stores.tx(async (t) => {
        await t.worldRows.put('ami', '111122223333', 'us-east-1', 'ami-tx', { id: 'ami-tx' });
        await t.worldRows.setMeta('spec', { regions: 1 });
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await stores.worldRows.get('ami', '111122223333', 'us-east-1', 'ami-tx'), undefined);
    assert.equal(await stores.worldRows.getMeta('spec'), undefined);
  });
}
