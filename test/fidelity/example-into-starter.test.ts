// Regression (#20): `ibex world load docs/examples/world.yaml` into the running starter world
// merges (the example reuses the starter's organization and OU ids) instead of failing on a
// membership clash, and the example's rules then hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld } from '../../src/world/index.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const file = new URL('../../docs/examples/world.yaml', import.meta.url).pathname;

describe('docs/examples/world.yaml merged into the starter world', () => {
  it('loads, and the encrypted base image is shared with prod through the Workloads OU', async () => {
    const w = openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), clock: new ManualClock() });
    w.merge(readFileSync(file, 'utf8'), 'docs/examples/world.yaml');
    const snap = w.snapshot();
    assert.equal(snap.accounts.find((a) => a.id === '444455556666')?.name, 'staging');
    const { images } = await w.ports.ec2.describeImages({ accountId: '111122223333', region: 'us-east-1' }, { imageIds: ['ami-0aaaaaaaaaaaaaaa1'] });
    assert.equal(images[0]!.name, 'base-encrypted');
    // The starter's own parents are still there.
    assert.ok(snap.images.some((i) => i.accountId === '137112412989' && i.name.startsWith('al2023-ami-2023.6.20250312')));
  });
});
