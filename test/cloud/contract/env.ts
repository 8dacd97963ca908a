// What the port contract suite needs from a backend: the ports, the fixture resources that must
// already exist (accounts, org, roles, keys, images…), and a way to let time pass. The simulated
// world provides it in-process; an AWS/moto environment can provide the same ids.
import type { CloudPorts, CloudScope } from '../../../src/cloud/ports.js';

/** Ids of pre-existing resources the contract tests rely on. */
export interface ContractFixture {
  region: string;
  otherRegion: string;
  /** The distributing account: owns the base images, key, template, repo, bucket, license. */
  owner: string;
  /** In the org, inside a nested OU; has the cross-account role trusting `owner` with SSM/LT permissions. */
  member: string;
  /** In the org; its cross-account role trusts `owner` but has no extra permissions. */
  limitedMember: string;
  /** Not in the org, no cross-account role. */
  outsider: string;
  orgArn: string;
  /** The OU that directly contains `member`. */
  ouArn: string;
  /** An ancestor OU of `ouArn`. */
  parentOuArn: string;
  linuxImageId: string;
  /** An instance of the owner's (in its account and Region) to create an AMI from; the simulated
   *  world models no instances and takes any id. */
  buildInstanceId: string;
  windowsImageId: string;
  /** Owner image encrypted with `kmsKeyArn` (which allows `member`). */
  encryptedImageId: string;
  /** Owner image encrypted with `privateKeyArn` (which allows nobody else). */
  privateEncryptedImageId: string;
  kmsKeyId: string;
  kmsKeyArn: string;
  privateKeyArn: string;
  launchTemplateId: string;
  memberLaunchTemplateId: string;
  limitedMemberLaunchTemplateId: string;
  ecrRepository: string;
  exportBucket: string;
  licenseConfigurationArn: string;
  /** An account and Region with block public access for AMIs on. */
  blocked: { accountId: string; region: string; imageId: string };
  /** An account and an opt-in Region it has not enabled. */
  disabled: { accountId: string; region: string };
}

/**
 * A known way a backend (an emulator such as moto) differs from AWS. Where an environment names a
 * gap, the contract asserts the backend's actual behaviour instead, so the gap stays visible and a
 * change in the backend fails the suite; docs/known-differences.md lists each one.
 */
export type ContractGap =
  | 'amiNameRules'
  | 'amiPlatform'
  | 'copyImageDetails'
  | 'copyImageClientToken'
  | 'crossAccountImages'
  | 'amiLaunchPermissionTargets'
  | 'imageBlockPublicAccess'
  | 'optInRegions'
  | 'roleTrust'
  | 'rolePermissions'
  | 'kmsKeyRules'
  | 'exportImage'
  | 'fastLaunch'
  | 'ssmImageValidation'
  | 'organizationsAccess'
  | 'licenseManager'
  | 'ecrMissingRepository'
  /** DryRun answers `DryRunOperation` before checking the request (source, name, version, sharing). */
  | 'dryRunChecks'
  /** No AMI deprecation or disabling (EnableImageDeprecation, DisableImage, …): the calls fail. */
  | 'amiLifecycle';

/** A backend under contract test. */
export interface ContractEnv {
  ports: CloudPorts;
  fx: ContractFixture;
  /** Lets simulated time pass (or waits on a real backend) for at least `ms`. */
  elapse(ms: number): Promise<void>;
  /** Waits until an AMI is available in the scope. */
  waitAvailable(scope: CloudScope, imageId: string): Promise<void>;
  /** A name no earlier run used. */
  unique(prefix: string): string;
  /** Known gaps of this backend (none for a faithful one). */
  gaps?: ReadonlySet<ContractGap>;
  close?(): void;
}

/** True when the environment has `gap`: the test then asserts the backend's actual behaviour. */
export function hasGap(env: ContractEnv, gap: ContractGap): boolean {
  return env.gaps?.has(gap) ?? false;
}

/** Builds a fresh environment for one test. */
export type EnvFactory = () => Promise<ContractEnv> | ContractEnv;

/** Asserts that `p` rejects with a CloudError carrying `code` (and, optionally, service). */
export async function rejectsWith(p: Promise<unknown>, code: string, service?: string): Promise<Error> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; service?: string; message?: string; name?: string };
    if (err.code !== code) throw new Error(`expected error code ${code}, got ${err.code ?? err.name}: ${err.message}`, { cause: e });
    if (service && err.service !== service) throw new Error(`expected service ${service}, got ${err.service}`, { cause: e });
    return e as Error;
  }
  throw new Error(`expected error code ${code}, but the call succeeded`);
}
