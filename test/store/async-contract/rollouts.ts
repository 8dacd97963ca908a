// Rollouts: one document each, replaced whole, listed oldest first, the self-advancing ones apart.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rollout, RolloutStatus } from '../../../src/store/records.js';
import { scope, type ContractContext } from './context.js';

const rollout = (id: string, createdAt: string, status: RolloutStatus = 'running'): Rollout => ({
  rolloutId: id,
  scope,
  distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/dc',
  imageBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1',
  rings: [
    { name: 'canary', regions: ['us-east-1'] },
    { name: 'rest', approval: true },
  ],
  ringStates: [
    { name: 'canary', status: 'running', jobs: ['ami:us-east-1:111122223333'], runIds: ['run-1'] },
    { name: 'rest', status: 'pending', jobs: [], runIds: [] },
  ],
  status,
  current: 0,
  createdAt,
  updatedAt: createdAt,
});

export function rolloutCases(ctx: ContractContext): void {
  it('rollouts: replaced whole, listed oldest first, active ones are running or soaking', async () => {
    const ro = ctx.stores().rollouts;
    await ro.put(rollout('ro-b', '2026-12-03T10:00:02.000Z'));
    await ro.put(rollout('ro-a', '2026-12-03T10:00:01.000Z', 'soaking'));
    await ro.put(rollout('ro-c', '2026-12-03T10:00:02.000Z', 'waiting-approval'));
    const halted = { ...rollout('ro-b', '2026-12-03T10:00:02.000Z', 'halted'), reason: 'canary failed', updatedAt: '2026-12-03T10:05:00.000Z' };
    await ro.put(halted);
    assert.deepEqual(await ro.get('ro-b'), halted);
    assert.equal(await ro.get('ro-none'), undefined);
    assert.deepEqual(
      (await ro.list()).map((r) => r.rolloutId),
      ['ro-a', 'ro-b', 'ro-c'],
    );
    assert.deepEqual(
      (await ro.active()).map((r) => r.rolloutId),
      ['ro-a'],
    );
  });
}
