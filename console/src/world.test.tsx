// Who can launch an AMI: the owner, named accounts, every account of an organization or OU
// (nested), or everyone when public.
import { describe, expect, it } from 'vitest';
import { whoCanLaunch, type Snapshot, type WorldImage } from './world';

const world = {
  organizations: [
    {
      id: 'o-1',
      managementAccountId: '100000000000',
      units: [{ id: 'ou-a', name: 'A', accounts: ['200000000000'], units: [{ id: 'ou-b', name: 'B', accounts: ['300000000000'], units: [] }] }],
    },
  ],
} as unknown as Snapshot;
const img = (lp: WorldImage['launchPermissions']): WorldImage => ({
  imageId: 'ami-1',
  accountId: '100000000000',
  region: 'us-east-1',
  name: 'x',
  state: 'available',
  platform: 'Linux',
  tags: {},
  launchPermissions: lp,
});

describe('whoCanLaunch', () => {
  it('lists the owner, users, and members of organizations and nested OUs', () => {
    expect(whoCanLaunch(img({}), world)).toEqual([{ accountId: '100000000000', why: 'owner' }]);
    expect(
      whoCanLaunch(img({ userIds: ['999999999999'], organizationalUnitArns: ['arn:aws:organizations::100000000000:ou/o-1/ou-a'] }), world).map(
        (x) => `${x.accountId}:${x.why}`,
      ),
    ).toEqual(['100000000000:owner', '999999999999:launch permission', '200000000000:OU A', '300000000000:OU A']);
    expect(whoCanLaunch(img({ organizationArns: ['arn:aws:organizations::100000000000:organization/o-1'] }), world).length).toBe(3);
    expect(whoCanLaunch(img({ userGroups: ['all'] }), world)).toEqual([{ accountId: 'everyone', why: 'public' }]);
  });
});
