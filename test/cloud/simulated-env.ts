// The contract environment backed by the simulated world: a fixture world file, an in-memory
// database and a manual clock, so "waiting" is advancing time.
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld, type World, type WorldSpec } from '../../src/world/index.js';
import { CROSS_ACCOUNT_ROLE } from '../../src/world/spec.js';
import type { Timings } from '../../src/cloud/simulated/timings.js';
import type { ContractEnv, ContractFixture } from './contract/env.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

const OWNER = '123456789012';
const MEMBER = '111122223333';
const LIMITED = '222233334444';
const OUTSIDER = '999988887777';
const ORG = 'o-a1b2c3d4e5';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const PRIVATE_KEY = '9999abcd-12ab-34cd-56ef-1234567890ab';

/** Ids of the fixture world. */
export const FX: ContractFixture = {
  region: 'us-east-1',
  otherRegion: 'eu-west-1',
  owner: OWNER,
  member: MEMBER,
  limitedMember: LIMITED,
  outsider: OUTSIDER,
  orgArn: `arn:aws:organizations::${OWNER}:organization/${ORG}`,
  ouArn: `arn:aws:organizations::${OWNER}:ou/${ORG}/ou-a1b2-22222222`,
  parentOuArn: `arn:aws:organizations::${OWNER}:ou/${ORG}/ou-a1b2-11111111`,
  linuxImageId: 'ami-0123456789abcdef0',
  buildInstanceId: 'i-0123456789abcdef0',
  windowsImageId: 'ami-0fedcba9876543210',
  encryptedImageId: 'ami-0aaaaaaaaaaaaaaa1',
  privateEncryptedImageId: 'ami-0aaaaaaaaaaaaaaa2',
  kmsKeyId: KEY,
  kmsKeyArn: `arn:aws:kms:us-east-1:${OWNER}:key/${KEY}`,
  privateKeyArn: `arn:aws:kms:us-east-1:${OWNER}:key/${PRIVATE_KEY}`,
  launchTemplateId: 'lt-0abcd1234efgh5678',
  memberLaunchTemplateId: 'lt-0abcd1234efgh5679',
  limitedMemberLaunchTemplateId: 'lt-0abcd1234efgh5670',
  ecrRepository: 'app',
  exportBucket: 'vm-exports',
  licenseConfigurationArn: `arn:aws:license-manager:us-east-1:${OWNER}:license-configuration:lic-0123456789abcdef0123456789abcdef`,
  blocked: { accountId: OWNER, region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbb1' },
  disabled: { accountId: MEMBER, region: 'ap-east-1' },
};

/** The fixture as a world document. */
export function fixtureSpec(timings: Partial<Timings> = {}): WorldSpec {
  const role = (permissions: string[]) => ({ name: CROSS_ACCOUNT_ROLE, trustedAccounts: [OWNER], permissions });
  const lt = (region: string, launchTemplateId: string) => ({
    region,
    launchTemplateId,
    name: 'web',
    imageId: FX.linuxImageId,
    tags: { CreatedBy: 'EC2 Image Builder' },
  });
  return {
    defaultAccountId: OWNER,
    regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-east-1'],
    timings,
    organizations: [
      {
        id: ORG,
        managementAccountId: OWNER,
        units: [
          { id: 'ou-a1b2-11111111', name: 'Workloads', accounts: [LIMITED], units: [{ id: 'ou-a1b2-22222222', name: 'Prod', accounts: [MEMBER], units: [] }] },
        ],
      },
    ],
    accounts: [
      {
        id: OWNER,
        name: 'tooling',
        imageBlockPublicAccess: ['eu-west-1'],
        roles: [{ name: 'vmimport', trustedServices: ['vmie.amazonaws.com'] }],
        kmsKeys: [
          { region: 'us-east-1', keyId: KEY, allowAccounts: [MEMBER], aliases: ['alias/distribution'] },
          { region: 'us-east-1', keyId: PRIVATE_KEY },
        ],
        launchTemplates: [lt('us-east-1', FX.launchTemplateId)],
        ecrRepositories: [{ region: 'us-east-1', repositoryName: 'app' }],
        s3Buckets: [{ region: 'us-east-1', name: 'vm-exports' }],
        licenseConfigurations: [{ region: 'us-east-1', arn: FX.licenseConfigurationArn }],
        images: [
          { region: 'us-east-1', imageId: FX.linuxImageId, name: 'base-linux', platform: 'Linux' },
          { region: 'us-east-1', imageId: FX.windowsImageId, name: 'base-windows', platform: 'Windows' },
          { region: 'us-east-1', imageId: FX.encryptedImageId, name: 'base-encrypted', encrypted: true, kmsKeyId: KEY },
          { region: 'us-east-1', imageId: FX.privateEncryptedImageId, name: 'base-private', encrypted: true, kmsKeyId: PRIVATE_KEY },
          { region: 'eu-west-1', imageId: FX.blocked.imageId, name: 'base-eu' },
        ],
      },
      {
        id: MEMBER,
        name: 'prod',
        disabledRegions: ['ap-east-1'],
        roles: [role(['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'])],
        launchTemplates: [lt('us-east-1', FX.memberLaunchTemplateId)],
      },
      { id: LIMITED, name: 'staging', roles: [role([])], launchTemplates: [lt('us-east-1', FX.limitedMemberLaunchTemplateId)] },
      { id: OUTSIDER, name: 'partner' },
    ],
  };
}

/** A simulated environment plus its world and clock, for simulation-specific tests. */
export interface SimulatedEnv extends ContractEnv {
  world: World;
  clock: ManualClock;
}

/** A fresh fixture world. */
export function simulatedEnv(timings: Partial<Timings> = {}): SimulatedEnv {
  const clock = new ManualClock();
  const db = openDatabase({ inMemory: true });
  const world = openWorld({ rows: new SqliteWorldRows(db), spec: fixtureSpec(timings), clock });
  return {
    ports: world.ports,
    fx: FX,
    world,
    clock,
    async elapse(ms) {
      clock.advance(ms);
    },
    async waitAvailable(scope, imageId) {
      for (let i = 0; i < 1000; i++) {
        const { images } = await world.ports.ec2.describeImages(scope, { imageIds: [imageId] });
        if (images[0]?.state === 'available') return;
        clock.advance(1000);
      }
      throw new Error(`${imageId} never became available`);
    },
    unique: (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`,
    close: () => db.close(),
  };
}
