// The runner's ready queue: arrival order, parked copies counted and released one per freed slot.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReadyQueue } from '../../src/engine/ready-queue.js';

describe('ready queue', () => {
  it('takes keys in arrival order across compactions and counts parked copies until unparked', () => {
    const q = new ReadyQueue();
    for (let i = 0; i < 5_000; i++) q.push(`s${i}`);
    const taken: string[] = [];
    for (let i = 0; i < 3_000; i++) taken.push(q.take()!);
    q.push('late');
    q.park('111122223333|us-east-1', 'copy-a');
    q.park('111122223333|us-east-1', 'copy-b');
    assert.equal(q.length, 2_001 + 2);
    for (let k = q.take(); k !== undefined; k = q.take()) taken.push(k);
    assert.deepEqual(taken, [...Array.from({ length: 5_000 }, (_, i) => `s${i}`), 'late']);
    assert.equal(q.length, 2, 'parked copies still count as waiting');
    q.unpark('999988887777|us-east-1'); // another destination: nothing moves
    assert.equal(q.take(), undefined);
    q.unpark('111122223333|us-east-1');
    assert.equal(q.take(), 'copy-a');
    assert.equal(q.length, 1);
    q.clear();
    assert.equal(q.length, 0);
    q.unpark('111122223333|us-east-1');
    assert.equal(q.take(), undefined);
  });
});
