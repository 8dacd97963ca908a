// The documented example world (docs/examples/world.yaml) opens and behaves as docs/world.md says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { loadWorldFile, openWorld } from '../../src/world/index.js';
import { rejectsWith } from '../cloud/contract/env.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const file = new URL('../../docs/examples/world.yaml', import.meta.url).pathname;
const open = () => openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: loadWorldFile(file), clock: new ManualClock() });

describe('docs/examples/world.yaml', () => {
  it('shares the encrypted base image with the Workloads OU, so prod (in a nested OU) sees it and outsiders do not', async () => {
    const w = open();
    const { images } = await w.ports.ec2.describeImages({ accountId: '111122223333', region: 'us-east-1' }, { imageIds: ['ami-0aaaaaaaaaaaaaaa1'] });
    assert.equal(images[0]!.name, 'base-encrypted');
    await rejectsWith(
      w.ports.ec2.describeImages({ accountId: '210987654321', region: 'us-east-1' }, { imageIds: ['ami-0aaaaaaaaaaaaaaa1'] }),
      'InvalidAMIID.NotFound',
    );
  });

  it('lets the tooling account write SSM parameters in prod but not in staging', async () => {
    const w = open();
    const tooling = { accountId: '123456789012', region: 'us-east-1' };
    const role = (a: string) => `arn:aws:iam::${a}:role/EC2ImageBuilderDistributionCrossAccountRole`;
    const prod = await w.ports.sts.assumeRole(tooling, { roleArn: role('111122223333'), roleSessionName: 'docs' });
    await w.ports.ssm.putParameter(prod.scope, { name: '/golden/web', value: 'ami-0123456789abcdef0' });
    const staging = await w.ports.sts.assumeRole(tooling, { roleArn: role('444455556666'), roleSessionName: 'docs' });
    await rejectsWith(w.ports.ssm.putParameter(staging.scope, { name: '/golden/web', value: 'ami-0123456789abcdef0' }), 'AccessDeniedException');
  });

  it('blocks public sharing in eu-west-1 and keeps ap-east-1 closed to prod', async () => {
    const w = open();
    const eu = { accountId: '123456789012', region: 'eu-west-1' };
    const { imageId } = await w.ports.ec2.copyImage(eu, { sourceImageId: 'ami-0123456789abcdef0', sourceRegion: 'us-east-1', name: 'base' });
    await rejectsWith(w.ports.ec2.modifyImageAttribute(eu, { imageId, launchPermission: { add: [{ group: 'all' }] } }), 'OperationNotPermitted');
    await rejectsWith(w.ports.ec2.describeImages({ accountId: '111122223333', region: 'ap-east-1' }, {}), 'OptInRequired');
  });
});
