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
  close?(): void;
}

/** Builds a fresh environment for one test. */
export type EnvFactory = () => Promise<ContractEnv> | ContractEnv;

/** Asserts that `p` rejects with a CloudError carrying `code` (and, optionally, service). */
export async function rejectsWith(p: Promise<unknown>, code: string, service?: string): Promise<Error> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; service?: string; message?: string; name?: string };
    if (err.code !== code) throw new Error(`expected error code ${code}, got ${err.code ?? err.name}: ${err.message}`);
    if (service && err.service !== service) throw new Error(`expected service ${service}, got ${err.service}`);
    return e as Error;
  }
  throw new Error(`expected error code ${code}, but the call succeeded`);
}
