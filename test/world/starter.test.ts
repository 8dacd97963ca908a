// The starter world: what `ibex serve` without --world offers, and that it passes validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { CROSS_ACCOUNT_ROLE, openWorld, parseWorldText, STARTER, starterImageId, starterWorld } from '../../src/world/index.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const world = () => openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), clock: new ManualClock() });

describe('starter world', () => {
  it('passes the same validation as a world file', () => {
    assert.doesNotThrow(() => parseWorldText(JSON.stringify(starterWorld()), 'starter'));
  });

  it('has a management account that is the default account, in an organization with nested OUs', () => {
    const s = world().snapshot();
    assert.equal(s.defaultAccountId, STARTER.managementAccountId);
    const org = s.organizations[0]!;
    assert.equal(org.managementAccountId, STARTER.managementAccountId);
    const workloads = org.units.find((u) => u.name === 'Workloads')!;
    assert.deepEqual(
      workloads.units.map((u) => [u.name, u.accounts]),
      [
        ['Prod', [STARTER.prodAccountId]],
        ['Dev', [STARTER.devAccountId]],
      ],
    );
  });

  it('gives every member account the cross-account role trusting the management account', () => {
    const s = world().snapshot();
    for (const id of [STARTER.prodAccountId, STARTER.devAccountId, STARTER.sandboxAccountId]) {
      const role = s.accounts.find((a) => a.id === id)!.roles.find((r) => r.name === CROSS_ACCOUNT_ROLE)!;
      assert.deepEqual(role.trustedAccounts, [STARTER.managementAccountId]);
      assert.ok(role.permissions.includes('ssm:PutParameter'));
    }
  });

  it('has public Amazon-managed Linux and Windows parent images in every Region', async () => {
    const w = world();
    for (const region of w.regions) {
      const { images } = await w.ports.ec2.describeImages(
        { accountId: STARTER.prodAccountId, region: region === 'ap-east-1' ? 'us-east-1' : region },
        { owners: ['amazon'] },
      );
      // Amazon's catalog: 6 Linux and 3 Windows families, three versions each.
      assert.deepEqual([...new Set(images.map((i) => i.platformDetails))].sort(), ['Linux/UNIX', 'Windows']);
      assert.equal(images.filter((i) => i.platformDetails === 'Windows').length, 9);
      assert.ok(images.every((i) => i.public && i.imageOwnerAlias === 'amazon'));
    }
    const snap = w.snapshot({ accountId: STARTER.amazonAccountId });
    assert.equal(snap.images.length, w.regions.length * 27);
    assert.ok(snap.images.some((i) => i.imageId === starterImageId('eu-west-1', 'Windows')));
  });

  it('has a launch template, an ECR repository, an export bucket with its vmimport role and short visible timings', () => {
    const s = world().snapshot({ accountId: STARTER.managementAccountId });
    assert.equal(s.launchTemplates[0]!.launchTemplateId, STARTER.launchTemplateId);
    assert.equal(s.ecrRepositories[0]!.repositoryName, STARTER.ecrRepository);
    assert.equal(s.s3Buckets[0]!.name, STARTER.exportBucket);
    assert.deepEqual(s.accounts[0]!.roles.find((r) => r.name === 'vmimport')!.trustedServices, ['vmie.amazonaws.com']);
    for (const ms of Object.values(s.timings)) assert.ok(ms > 0 && ms <= 10_000);
  });

  it('demonstrates the failure rules: a disabled opt-in Region, block public access and an account without the role', () => {
    const s = world().snapshot();
    assert.deepEqual(s.accounts.find((a) => a.id === STARTER.devAccountId)!.disabledRegions, ['ap-east-1']);
    assert.ok(s.accounts.find((a) => a.id === STARTER.sandboxAccountId)!.imageBlockPublicAccess.includes('us-east-1'));
    assert.deepEqual(s.accounts.find((a) => a.id === STARTER.partnerAccountId)!.roles, []);
  });
});
