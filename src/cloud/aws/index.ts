// The AWS adapter: every cloud port implemented with AWS SDK v3 clients, against AWS itself or
// any AWS-compatible endpoint (`endpoint`). Throttling is the SDK's adaptive retry mode.
import type { CloudPorts } from '../ports.js';
import { AwsClients, type AwsCloudOptions } from './clients.js';
import { awsEc2 } from './ec2.js';
import { awsEc2Lifecycle } from './ec2-lifecycle.js';
import { awsEcr } from './ecr.js';
import { awsKms } from './kms.js';
import { awsLicenseManager } from './license-manager.js';
import { awsOrganizations } from './organizations.js';
import { awsS3 } from './s3.js';
import { awsSsm } from './ssm.js';
import { awsSts } from './sts.js';

export type { AwsCloudOptions, AwsCredentials } from './clients.js';

/** The ports plus a way to release the SDK clients' sockets. */
export interface AwsCloud extends CloudPorts {
  /** The account ibex's own credentials belong to (STS GetCallerIdentity). */
  ownerAccountId(): Promise<string>;
  destroy(): void;
}

/** Creates the AWS adapter. */
export function createAwsCloud(opts: AwsCloudOptions = {}): AwsCloud {
  const clients = new AwsClients(opts);
  return {
    ec2: { ...awsEc2(clients), ...awsEc2Lifecycle(clients) },
    ecr: awsEcr(clients),
    s3: awsS3(clients),
    ssm: awsSsm(clients),
    sts: awsSts(clients),
    organizations: awsOrganizations(clients),
    kms: awsKms(clients),
    licenseManager: awsLicenseManager(clients),
    ownerAccountId: () => clients.ownAccountId(),
    destroy: () => clients.destroy(),
  };
}
