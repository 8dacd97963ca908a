// The world-file format (docs/world.md): what `ibex serve --world FILE` and `POST /_ibex/world` accept.
// Field names are a public contract: add fields, never rename them.
import type { Timings } from '../cloud/simulated/timings.js';

/** The commercial Regions, used when a world file names none. */
export const COMMERCIAL_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
];

/** A whole world file. Every part is optional; `merge` adds to what exists. */
export interface WorldSpec {
  /** The caller account when the access key is not 12 digits. */
  defaultAccountId?: string;
  /** Regions that exist. */
  regions?: string[];
  timings?: Partial<Timings>;
  organizations?: OrganizationSpec[];
  accounts?: AccountSpec[];
}

/** An AWS Organization; accounts sit under the root (`accounts`) or in nested `units`. */
export interface OrganizationSpec {
  id: string;
  managementAccountId: string;
  /** ibex extension: member accounts directly under the root. */
  accounts?: string[];
  units?: UnitSpec[];
}

/** An organizational unit, nested through `units`. */
export interface UnitSpec {
  id: string;
  name: string;
  accounts?: string[];
  units?: UnitSpec[];
}

/** An IAM role, as much of it as distribution needs. */
export interface RoleSpec {
  name: string;
  /** Accounts whose root principal the trust policy names. */
  trustedAccounts?: string[];
  /** Service principals the trust policy names (`vmie.amazonaws.com`). */
  trustedServices?: string[];
  /** Actions the role allows, e.g. `ssm:PutParameter`. */
  permissions?: string[];
}

export interface KmsKeySpec {
  region: string;
  keyId: string;
  /** Other accounts the key policy lets use the key. */
  allowAccounts?: string[];
  /** ibex extension: alias names (`alias/…`). */
  aliases?: string[];
}

export interface LaunchTemplateSpec {
  region: string;
  launchTemplateId: string;
  name: string;
  imageId?: string;
  tags?: Record<string, string>;
}

export interface EcrRepositorySpec {
  region: string;
  repositoryName: string;
}

export interface S3BucketSpec {
  region: string;
  name: string;
  /** ibex extension: other accounts the bucket policy lets write. */
  allowAccounts?: string[];
}

export interface LicenseConfigurationSpec {
  region: string;
  arn: string;
  name?: string;
}

export interface SsmParameterSpec {
  region: string;
  name: string;
  value: string;
  dataType?: 'text' | 'aws:ec2:image';
}

export interface LaunchPermissionsSpec {
  userIds?: string[];
  userGroups?: string[];
  organizationArns?: string[];
  organizationalUnitArns?: string[];
}

export interface ImageSpec {
  region: string;
  imageId: string;
  name: string;
  platform?: 'Linux' | 'Windows';
  description?: string;
  /** Shorthand for `launchPermissions.userGroups: [all]`. */
  public?: boolean;
  launchPermissions?: LaunchPermissionsSpec;
  encrypted?: boolean;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  state?: 'available' | 'pending' | 'failed';
}

export interface AccountSpec {
  id: string;
  name?: string;
  /** Opt-in Regions not enabled for this account. */
  disabledRegions?: string[];
  /** Regions where public AMI sharing is blocked. */
  imageBlockPublicAccess?: string[];
  /** ibex extension: images owned by this account report `imageOwnerAlias: amazon`. */
  amazonManaged?: boolean;
  roles?: RoleSpec[];
  kmsKeys?: KmsKeySpec[];
  launchTemplates?: LaunchTemplateSpec[];
  ecrRepositories?: EcrRepositorySpec[];
  s3Buckets?: S3BucketSpec[];
  licenseConfigurations?: LicenseConfigurationSpec[];
  ssmParameters?: SsmParameterSpec[];
  images?: ImageSpec[];
}

/** The role Image Builder assumes in target accounts; its name is fixed by AWS. */
export const CROSS_ACCOUNT_ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';
