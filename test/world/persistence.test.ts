// World state lives in the SQLite database: it survives closing and reopening a file database,
// and reset restores the loaded world.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld } from '../../src/world/index.js';
import { rejectsWith } from '../cloud/contract/env.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ibex-world-'));
  dirs.push(d);
  return d;
};

describe('world persistence', () => {
  it('keeps AMIs, launch permissions, parameters, templates, tokens, faults and timings across a restart', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock();
    const spec = fixtureSpec({ copyImageMs: 5_000 });
    let db = openDatabase({ dataDir });
    let w = openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    const owner = { accountId: FX.owner, region: FX.region };
    const dest = { accountId: FX.owner, region: FX.otherRegion };
    const copyInput = { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'persisted', clientToken: 'run-1:copy' };
    const { imageId } = await w.ports.ec2.copyImage(dest, copyInput);
    await w.ports.ec2.modifyImageAttribute(owner, { imageId: FX.linuxImageId, launchPermission: { add: [{ organizationArn: FX.orgArn }] } });
    await w.ports.ssm.putParameter(owner, { name: '/golden', value: FX.linuxImageId, dataType: 'aws:ec2:image' });
    await w.ports.ec2.createLaunchTemplateVersion(owner, { launchTemplateId: FX.launchTemplateId, launchTemplateData: { imageId } });
    w.setTimings({ exportImageMs: 1234 });
    w.addFault({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', times: 1 });
    const before = w.snapshot();
    db.close();

    db = openDatabase({ dataDir });
    w = openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    const afterSnap = w.snapshot();
    assert.deepEqual(afterSnap.images, before.images);
    assert.deepEqual(afterSnap.ssmParameters, before.ssmParameters);
    assert.deepEqual(afterSnap.launchTemplates, before.launchTemplates);
    assert.equal(afterSnap.timings.exportImageMs, 1234);
    assert.equal(afterSnap.faults.length, 1);
    // Organization membership is rebuilt, so the org share still works.
    assert.equal((await w.ports.ec2.describeImages({ accountId: FX.member, region: FX.region }, { imageIds: [FX.linuxImageId] })).images.length, 1);
    // The persisted fault fires once; then the clientToken still returns the original copy.
    await rejectsWith(w.ports.ec2.copyImage(dest, copyInput), 'RequestLimitExceeded');
    assert.equal((await w.ports.ec2.copyImage(dest, copyInput)).imageId, imageId);
    // A still-pending copy keeps its timing across the restart.
    assert.equal(afterSnap.images.find((i) => i.imageId === imageId)!.state, 'pending');
    clock.advance(5_000);
    assert.equal(w.snapshot().images.find((i) => i.imageId === imageId)!.state, 'available');
    db.close();
  });

  it('resets to the loaded world: run-time AMIs vanish and changed resources return to the file', async () => {
    const w = openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: fixtureSpec(), clock: new ManualClock() });
    const owner = { accountId: FX.owner, region: FX.region };
    await w.ports.ec2.registerImage(owner, { name: 'extra' });
    await w.ports.ec2.deregisterImage(owner, { imageId: FX.linuxImageId });
    w.addFault({ service: 'ssm', operation: '*', error: 'InternalError' });
    w.setTimings({ copyImageMs: 99 });
    const initialCount = 5;
    w.reset();
    const s = w.snapshot({ accountId: FX.owner });
    assert.equal(s.images.length, initialCount);
    assert.equal(s.images.find((i) => i.imageId === FX.linuxImageId)!.state, 'available');
    assert.deepEqual(s.faults, []);
    assert.equal(s.timings.copyImageMs, 0);
  });

  it('merges more world in, and rejects a merge that conflicts with what exists', async () => {
    const w = openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: fixtureSpec(), clock: new ManualClock() });
    w.merge(['regions: [sa-east-1]', 'accounts:', `  - id: "${FX.outsider}"`, '    ecrRepositories: [{ region: sa-east-1, repositoryName: late }]'].join('\n'));
    assert.ok(w.regions.includes('sa-east-1'));
    const { repositories } = await w.ports.ecr.describeRepositories({ accountId: FX.outsider, region: 'sa-east-1' }, { repositoryNames: ['late'] });
    assert.equal(repositories[0]!.repositoryName, 'late');
    // The name base-linux is taken in that account and Region (InvalidAMIName.Duplicate).
    assert.throws(
      () => w.merge(['accounts:', `  - id: "${FX.owner}"`, '    images: [{ region: us-east-1, imageId: ami-0ccccccccccccccc1, name: base-linux }]'].join('\n')),
      (e: Error) => /request body:3: accounts\[0\]\.images\[0\]\.name: .*already used/.test(e.message),
    );
  });
});
