// Lifecycle policies, executions and their resources, and resource policies: upserts that keep
// what the first write fixed, executions newest first by a fractional start time, resources by
// seq (optionally one image's outputs), sharing found by the account a policy names.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreConflict } from '../../../src/store/async-ports.js';
import type { ResourceRow, StoredExecution, StoredLifecyclePolicy } from '../../../src/store/records.js';
import { other, scope, type ContractContext } from './context.js';

const policyArn = (name: string) => `arn:aws:imagebuilder:us-east-1:111122223333:lifecycle-policy/${name}`;
const policy = (name: string, status: 'ENABLED' | 'DISABLED' = 'ENABLED'): StoredLifecyclePolicy => ({
  arn: policyArn(name),
  name,
  status,
  resourceType: 'AMI_IMAGE',
  dateCreated: 1_764_756_000.125,
});
const execution = (id: string, startTime: number, status: 'IN_PROGRESS' | 'SUCCESS' | 'CANCELLING' = 'IN_PROGRESS'): StoredExecution => ({
  execution: { lifecycleExecutionId: id, lifecyclePolicyArn: policyArn('keep-3'), startTime, state: { status } },
  resourceArn: policyArn('keep-3'),
});
const imageArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1';
const resource = (seq: number, parentId: string, resourceId: string, status: 'IN_PROGRESS' | 'SUCCESS' = 'IN_PROGRESS'): ResourceRow => ({
  seq,
  parentId,
  resource: { resourceId, accountId: '111122223333', region: 'us-east-1', state: { status } },
  ...(parentId === '' ? { plan: { type: 'DEPRECATE', includeAmis: true, includeSnapshots: false, includeContainers: false, deprecateAt: 1_764_800_000 } } : {}),
});

export function lifecycleCases(ctx: ContractContext): void {
  it('lifecycle policies: upsert, list by ARN, every scope, delete', async () => {
    const lc = ctx.stores().lifecycle;
    await lc.putPolicy(scope, policy('keep-3'));
    await lc.putPolicy(scope, policy('arch-1'));
    await lc.putPolicy(scope, policy('keep-3', 'DISABLED'));
    await lc.putPolicy(other, { ...policy('keep-3'), arn: 'arn:aws:imagebuilder:us-east-1:444455556666:lifecycle-policy/keep-3' });
    assert.deepEqual(await lc.getPolicy(scope, policyArn('keep-3')), policy('keep-3', 'DISABLED'));
    assert.equal(await lc.getPolicy(other, policyArn('keep-3')), undefined);
    assert.deepEqual(
      (await lc.listPolicies(scope)).map((p) => p.name),
      ['arch-1', 'keep-3'],
    );
    assert.deepEqual(
      (await lc.allPolicies()).map((p) => `${p.scope.accountId}/${p.policy.name}`),
      ['111122223333/arch-1', '111122223333/keep-3', '444455556666/keep-3'],
    );
    assert.equal(await lc.deletePolicy(scope, policyArn('arch-1')), true);
    assert.equal(await lc.deletePolicy(scope, policyArn('arch-1')), false);
    assert.deepEqual(
      (await lc.listPolicies(scope)).map((p) => p.name),
      ['keep-3'],
    );
  });

  it('lifecycle executions: fractional start times kept exactly, newest first, unfinished ones oldest first', async () => {
    const lc = ctx.stores().lifecycle;
    await lc.putExecution(scope, execution('lce-a', 1_764_756_000.25));
    await lc.putExecution(scope, execution('lce-b', 1_764_756_000.5));
    await lc.putExecution(scope, execution('lce-c', 1_764_756_000.5, 'CANCELLING'));
    assert.deepEqual(await lc.getExecution(scope, 'lce-a'), execution('lce-a', 1_764_756_000.25));
    assert.deepEqual(
      (await lc.executionsOf(scope, policyArn('keep-3'))).map((e) => e.execution.lifecycleExecutionId),
      ['lce-c', 'lce-b', 'lce-a'],
    );
    assert.deepEqual(
      (await lc.unfinished()).map((u) => u.execution.execution.lifecycleExecutionId),
      ['lce-a', 'lce-b', 'lce-c'],
    );
    await lc.putExecution(scope, { ...execution('lce-a', 1_764_756_000.25, 'SUCCESS'), cancelRequested: true });
    assert.equal((await lc.getExecution(scope, 'lce-a'))?.cancelRequested, true);
    assert.deepEqual(
      (await lc.unfinished()).map((u) => u.execution.execution.lifecycleExecutionId),
      ['lce-b', 'lce-c'],
    );
    assert.equal(await lc.getExecution(other, 'lce-a'), undefined);
  });

  it('lifecycle resources: by seq, one image outputs by parent, a taken seq is a StoreConflict', async () => {
    const lc = ctx.stores().lifecycle;
    await lc.insertResource(scope, 'lce-a', resource(2, imageArn, 'ami-0000000000000000b'));
    await lc.insertResource(scope, 'lce-a', resource(0, '', imageArn));
    await lc.insertResource(scope, 'lce-a', resource(1, imageArn, 'ami-0000000000000000a'));
    await assert.rejects(lc.insertResource(scope, 'lce-a', resource(1, imageArn, 'ami-other')), StoreConflict);
    await lc.putResource(scope, 'lce-a', resource(1, imageArn, 'ami-0000000000000000a', 'SUCCESS'));
    assert.deepEqual(await lc.resources(scope, 'lce-a'), [
      resource(0, '', imageArn),
      resource(1, imageArn, 'ami-0000000000000000a', 'SUCCESS'),
      resource(2, imageArn, 'ami-0000000000000000b'),
    ]);
    assert.deepEqual(
      (await lc.resources(scope, 'lce-a', imageArn)).map((r) => r.seq),
      [1, 2],
    );
    assert.deepEqual(
      (await lc.resources(scope, 'lce-a', '')).map((r) => r.seq),
      [0],
    );
    assert.deepEqual(await lc.resources(other, 'lce-a'), []);
  });

  it('resource policies: upsert, shared with the accounts they name in their Region, delete', async () => {
    const lc = ctx.stores().lifecycle;
    const a = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1';
    const b = 'arn:aws:imagebuilder:us-east-1:444455556666:component/c/1.0.0/1';
    await lc.putResourcePolicy(scope, a, { policy: '{"v":1}', principals: ['999988887777'] });
    await lc.putResourcePolicy(scope, a, { policy: '{"v":2}', principals: ['999988887777', '123456789012'] });
    await lc.putResourcePolicy(other, b, { policy: '{"v":3}', principals: ['123456789012'] });
    await lc.putResourcePolicy({ accountId: '111122223333', region: 'eu-west-1' }, a, { policy: '{}', principals: ['123456789012'] });
    assert.deepEqual(await lc.getResourcePolicy(scope, a), { policy: '{"v":2}', principals: ['999988887777', '123456789012'] });
    assert.deepEqual(await lc.sharedWith('us-east-1', '123456789012'), [
      { ownerAccountId: '111122223333', arn: a },
      { ownerAccountId: '444455556666', arn: b },
    ]);
    assert.deepEqual(await lc.sharedWith('us-east-1', '999988887777'), [{ ownerAccountId: '111122223333', arn: a }]);
    await lc.deleteResourcePolicy(scope, a);
    assert.equal(await lc.getResourcePolicy(scope, a), undefined);
    assert.deepEqual(await lc.sharedWith('us-east-1', '999988887777'), []);
  });
}
