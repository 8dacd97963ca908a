// The simulated world's records: what is stored (as JSON rows) and indexed in memory.
// Times are epoch ms from the injected clock; states are derived from them, not stored.
import type { DiskImageFormat, ImagePlatform } from '../ports.js';

export interface RoleRec {
  name: string;
  trustedAccounts: string[];
  trustedServices: string[];
  permissions: string[];
  /** Set for roles made with IAM CreateRole over the wire (world-file roles have none). */
  iam?: {
    path: string;
    createdAt: number;
    assumeRolePolicyDocument: string;
    description?: string;
    maxSessionDuration: number;
    attachedPolicies: string[];
    inlinePolicies: Record<string, string>;
  };
}

export interface AccountRec {
  accountId: string;
  name: string;
  disabledRegions: string[];
  imageBlockPublicAccess: string[];
  amazonManaged: boolean;
  roles: RoleRec[];
}

export interface UnitRec {
  id: string;
  name: string;
  accounts: string[];
  units: UnitRec[];
}

export interface OrgRec {
  id: string;
  managementAccountId: string;
  accounts: string[];
  units: UnitRec[];
}

export interface LaunchPermissionsRec {
  userIds: string[];
  userGroups: string[];
  organizationArns: string[];
  organizationalUnitArns: string[];
}

export interface FastLaunchRec {
  enabledAt: number;
  readyAt: number;
  targetResourceCount: number;
  maxParallelLaunches: number;
  launchTemplate: { launchTemplateId?: string; launchTemplateName?: string; version: string } | null;
  /** Set by DisableFastLaunch: the state is `disabling` until `goneAt`, then fast launch is off. */
  disabledAt?: number;
  goneAt?: number;
}

export interface AmiRec {
  imageId: string;
  accountId: string;
  region: string;
  name: string;
  description?: string;
  platform: ImagePlatform;
  tags: Record<string, string>;
  encrypted: boolean;
  /** Full key ARN. */
  kmsKeyId?: string;
  sourceImageId?: string;
  sourceRegion?: string;
  /** True for CopyImage results: they count against the concurrent-copy limit while pending. */
  isCopy: boolean;
  createdAt: number;
  availableAt: number;
  failed?: { code: string; message: string };
  deregisteredAt?: number;
  /** EnableImageDeprecation's time (epoch ms); deprecated from then on. */
  deprecateAt?: number;
  /** Set while the AMI is disabled (DisableImage). */
  disabledAt?: number;
  /** The AMI's snapshot was deleted (after deregistration). */
  snapshotDeletedAt?: number;
  launchPermissions: LaunchPermissionsRec;
  licenseConfigurationArns: string[];
  fastLaunch: FastLaunchRec | null;
}

export interface KeyRec {
  accountId: string;
  region: string;
  keyId: string;
  arn: string;
  allowAccounts: string[];
  aliases: string[];
  /** The key policy document, when set over the KMS API. */
  policy?: string;
  description?: string;
  createdAt?: number;
}

export interface LaunchTemplateRec {
  accountId: string;
  region: string;
  launchTemplateId: string;
  name: string;
  defaultVersion: number;
  latestVersion: number;
  versions: LaunchTemplateVersionRec[];
  tags: Record<string, string>;
  /** When CreateLaunchTemplate made it (absent for templates from a world file: epoch 0). */
  createdAt?: number;
}

/**
 * One launch-template version. `imageId` is the AMI (what distributions change); `data` holds the
 * rest of its LaunchTemplateData as EC2's ResponseLaunchTemplateData names it (JSON: timestamps
 * as ISO strings), so a client reads back every field it sent.
 */
export interface LaunchTemplateVersionRec {
  versionNumber: number;
  imageId?: string;
  data?: Record<string, unknown>;
  description?: string;
  createdAt?: number;
}

export interface RepoRec {
  accountId: string;
  region: string;
  repositoryName: string;
  images: { imageDigest: string; imageTags: string[]; pushedAt: number; manifest?: string }[];
  /** When it was created over the ECR API (epoch ms). */
  createdAt?: number;
  imageTagMutability?: string;
}

export interface BucketRec {
  accountId: string;
  region: string;
  name: string;
  allowAccounts: string[];
  /** When it was created over the S3 API (epoch ms); absent for world-file buckets. */
  createdAt?: number;
}

export interface ObjectRec {
  accountId: string;
  region: string;
  bucket: string;
  key: string;
  size: number;
  lastModified: number;
  /** The body, base64, for objects written over the S3 API (exports are simulated: no body). */
  data?: string;
  /** Quoted MD5 of the body, as S3 reports it. */
  eTag?: string;
  contentType?: string;
  /** `x-amz-meta-*` user metadata, without the prefix. */
  metadata?: Record<string, string>;
  /** The content, kept for small text objects (workflow documents read by `uri`). */
  body?: string;
}

export type ParamType = 'String' | 'StringList' | 'SecureString';

/** One version of an SSM parameter. Optional members are absent on String parameters made before they existed. */
export interface ParamVersionRec {
  value: string;
  dataType: 'text' | 'aws:ec2:image';
  version: number;
  lastModified: number;
  /** Absent: String. */
  type?: ParamType;
  /** SecureString only: the key as the client named it (default `alias/aws/ssm`). */
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  labels?: string[];
}

/** An SSM parameter: its current version, and the earlier ones (oldest first; AWS keeps 100 in all). */
export interface ParamRec extends ParamVersionRec {
  accountId: string;
  region: string;
  name: string;
  tags?: Record<string, string>;
  history?: ParamVersionRec[];
}

export interface ExportTaskRec {
  accountId: string;
  region: string;
  exportImageTaskId: string;
  imageId: string;
  s3Bucket: string;
  s3Prefix?: string;
  diskImageFormat: DiskImageFormat;
  completeAt: number;
  /** Set once the object is written (lazily, when time has passed). */
  completed: boolean;
}

export interface LicenseConfigRec {
  accountId: string;
  region: string;
  arn: string;
  name: string;
  /** Set for configurations made over the License Manager API. */
  licenseCountingType?: string;
  licenseCount?: number;
  licenseCountHardLimit?: boolean;
  description?: string;
}

/** A remembered clientToken: same token + same request ⇒ same result. */
export interface TokenRec {
  accountId: string;
  region: string;
  operation: string;
  token: string;
  requestHash: string;
  result: string;
}

/** Which list of an image's launch permissions an entry belongs to. */
export type LaunchPermissionType = 'userId' | 'group' | 'organizationArn' | 'organizationalUnitArn';

/**
 * One launch-permission entry, stored as its own row (id `<imageId>|<type>|<value>`) so that a grant
 * writes one small row instead of re-serializing an image that may already name 1,536 accounts.
 * `n` is the entry's position when granted; loading sorts by it to keep the grant order.
 */
export interface LaunchPermissionEntryRec {
  imageId: string;
  type: LaunchPermissionType;
  value: string;
  n: number;
}

/** The kinds of rows in `world_resources`. */
export type Kind =
  | 'account'
  | 'organization'
  | 'ami'
  | 'launchPermission'
  | 'kmsKey'
  | 'launchTemplate'
  | 'ecrRepository'
  | 's3Bucket'
  | 's3Object'
  | 'ssmParameter'
  | 'exportTask'
  | 'licenseConfiguration'
  | 'token';
