// Launch permissions are stored one row per entry (issue 19): a grant writes one small row and
// leaves the image row alone; grants, revocations and their order survive a restart; a database
// written when permissions were inline in the image row still loads, and is moved to rows.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase, type Db } from '../../src/store/sqlite/db.js';
import { openWorld } from '../../src/world/index.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ibex-lp-'));
  dirs.push(d);
  return d;
};
const accounts = Array.from({ length: 300 }, (_, i) => String(300000000000 + i));
const lpRows = (db: Db, imageId: string) =>
  db.prepare("SELECT id FROM world_resources WHERE kind = 'launchPermission' AND id LIKE ? ORDER BY id").pluck().all(`${imageId}|%`) as string[];
const imageBody = (db: Db, imageId: string) =>
  JSON.parse(db.prepare("SELECT body FROM world_resources WHERE kind = 'ami' AND id = ?").pluck().get(imageId) as string) as Record<string, unknown>;

describe('launch permissions as rows', () => {
  it('writes one row per grant, removes one per revocation, and keeps grant order across a restart', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock();
    const spec = fixtureSpec();
    let db = openDatabase({ dataDir });
    let w = openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    const owner = { accountId: FX.owner, region: FX.region };
    const imageId = FX.linuxImageId;
    const bodyBefore = db.prepare("SELECT body FROM world_resources WHERE kind = 'ami' AND id = ?").pluck().get(imageId);
    for (const userId of accounts) await w.ports.ec2.modifyImageAttribute(owner, { imageId, launchPermission: { add: [{ userId }] } });
    // Granting again is a no-op; a mixed request adds and removes in one call.
    await w.ports.ec2.modifyImageAttribute(owner, { imageId, launchPermission: { add: [{ userId: accounts[0]! }] } });
    await w.ports.ec2.modifyImageAttribute(owner, {
      imageId,
      launchPermission: { add: [{ organizationArn: FX.orgArn }], remove: [{ userId: accounts[5]! }, { userId: accounts[7]! }] },
    });
    const expectedIds = accounts.filter((_, i) => i !== 5 && i !== 7);
    // The image row was not rewritten by any grant and holds no permissions.
    assert.equal(db.prepare("SELECT body FROM world_resources WHERE kind = 'ami' AND id = ?").pluck().get(imageId), bodyBefore);
    assert.equal(imageBody(db, imageId).launchPermissions, undefined);
    assert.deepEqual(lpRows(db, imageId), [...expectedIds.map((u) => `${imageId}|userId|${u}`), `${imageId}|organizationArn|${FX.orgArn}`].sort());
    const attr = async () => (await w.ports.ec2.describeImageAttribute(owner, { imageId, attribute: 'launchPermission' })).launchPermissions;
    const want = [...expectedIds.map((userId) => ({ userId })), { organizationArn: FX.orgArn }];
    assert.deepEqual(await attr(), want);
    db.close();

    db = openDatabase({ dataDir });
    w = openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    assert.deepEqual(await attr(), want, 'same entries in grant order after a restart');
    // The sharing index is rebuilt: a granted account sees the AMI, a revoked one does not (it is
    // not in the fixture's organization either).
    const seen = async (accountId: string) =>
      (await w.ports.ec2.describeImages({ accountId, region: FX.region }, {})).images.some((i) => i.imageId === imageId);
    assert.equal(await seen(accounts[6]!), true);
    assert.equal(await seen(accounts[5]!), false);
    db.close();
  });

  it('loads an image row with inline permissions (written before rows) and moves them to rows', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock();
    const spec = fixtureSpec();
    let db = openDatabase({ dataDir });
    openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    const imageId = FX.windowsImageId;
    const legacy = {
      ...imageBody(db, imageId),
      launchPermissions: { userIds: [accounts[1], accounts[0]], userGroups: [], organizationArns: [], organizationalUnitArns: [] },
    };
    db.prepare("DELETE FROM world_resources WHERE kind = 'launchPermission' AND id LIKE ?").run(`${imageId}|%`);
    db.prepare("UPDATE world_resources SET body = ? WHERE kind = 'ami' AND id = ?").run(JSON.stringify(legacy), imageId);
    db.close();

    db = openDatabase({ dataDir });
    const w = openWorld({ rows: new SqliteWorldRows(db), spec, clock });
    const owner = { accountId: FX.owner, region: FX.region };
    const attr = (await w.ports.ec2.describeImageAttribute(owner, { imageId, attribute: 'launchPermission' })).launchPermissions;
    assert.deepEqual(attr, [{ userId: accounts[1] }, { userId: accounts[0] }]);
    assert.equal(imageBody(db, imageId).launchPermissions, undefined);
    assert.deepEqual(lpRows(db, imageId), [`${imageId}|userId|${accounts[0]}`, `${imageId}|userId|${accounts[1]}`]);
    db.close();
  });
});
