// The AWS-shaped ports the engine uses to reach EC2, ECR, S3, SSM, STS, Organizations, KMS and
// License Manager. Method and member names are the AWS API names in camelCase, so the AWS SDK v3
// adapter maps one-to-one (`copyImage({sourceImageId})` ⇄ `CopyImageCommand({SourceImageId})`).
import type { Scope } from '../domain/scope.js';

export type { Scope };

/** Temporary credentials returned by STS AssumeRole. */
export interface AssumedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO-8601 expiry. */
  expiration: string;
}

/**
 * Who is calling and where. A plain `Scope` calls as the account itself; a scope returned by
 * `sts.assumeRole` carries the role's credentials, so the call acts as the target account *through
 * that role* and is limited to the role's permissions.
 */
export interface CloudScope extends Scope {
  readonly credentials?: AssumedRoleCredentials;
}

/** The one error type every port throws. `code` is AWS's exact error code. */
export class CloudError extends Error {
  override readonly name = 'CloudError';
  constructor(
    /** AWS service signing name: `ec2`, `ecr`, `s3`, `ssm`, `sts`, `organizations`, `kms`, `license-manager`. */
    readonly service: CloudService,
    /** AWS's error code, e.g. `InvalidAMIName.Duplicate`. */
    readonly code: string,
    message: string,
    /** True for throttling and transient faults: the same call may succeed later. */
    readonly retryable = RETRYABLE_CODES.has(code),
  ) {
    super(message);
  }
}

/** Error codes that mean "try again later" across the services ibex uses. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'RequestTimeout',
  // Concurrent-copy limit: the copy succeeds once earlier copies finish.
  'ResourceLimitExceeded',
]);

export type CloudService = 'ec2' | 'ecr' | 's3' | 'ssm' | 'sts' | 'iam' | 'organizations' | 'kms' | 'license-manager';

// ---------------------------------------------------------------- DryRun

/** EC2's answer to a request with `DryRun` that would have succeeded. */
export const DRY_RUN_OPERATION = 'DryRunOperation';

/**
 * EC2's `DryRun`, as the ports model it. The EC2 inputs that have `DryRun` in AWS and that
 * distribution uses (`copyImage`, `modifyImageAttribute`, `createLaunchTemplateVersion`,
 * `modifyLaunchTemplate`, `exportImage`, `enableFastLaunch`) take `dryRun?: boolean`. With
 * `dryRun: true` the call checks the caller's permission and the request, as far as the backend
 * can, and changes nothing. As in AWS, a dry run never resolves:
 * - it **throws `CloudError` with code `DryRunOperation`** (not retryable) when the real call
 *   would have been allowed — that error is the dry run's *success*;
 * - it throws any other `CloudError` (`UnauthorizedOperation`, `InvalidAMIID.NotFound`,
 *   `OptInRequired`, …) when the real call would have failed with it.
 *
 * `dryRunCheck` turns that into a plain promise that resolves on success.
 */
export interface DryRunnable {
  /** Check permission and request only; see `DryRunnable` for the outcome. */
  dryRun?: boolean;
}

/** True for the `DryRunOperation` error of a dry run that would have succeeded. */
export function isDryRunSuccess(e: unknown): boolean {
  return e instanceof CloudError && e.code === DRY_RUN_OPERATION;
}

/**
 * Runs a dry run and resolves when it answered `DryRunOperation`; rethrows any other error.
 * A backend that ignored `DryRun` and carried the call out resolves the call itself: that is
 * reported as an error, so it cannot pass for a check.
 */
export async function dryRunCheck(service: CloudService, operation: string, call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (e) {
    if (isDryRunSuccess(e)) return;
    throw e;
  }
  throw new CloudError(
    service,
    'InternalError',
    `The ${service} endpoint carried out ${operation} although DryRun was set; it does not support DryRun.`,
    false,
  );
}

/** The `DryRunOperation` error a dry run that would have succeeded throws. */
export function dryRunOperation(service: CloudService = 'ec2'): CloudError {
  return new CloudError(service, DRY_RUN_OPERATION, 'Request would have succeeded, but DryRun flag is set.', false);
}

/** An AWS tag. */
export interface Tag {
  key: string;
  value: string;
}

// ---------------------------------------------------------------- EC2

export type ImageState = 'pending' | 'available' | 'failed' | 'deregistered' | 'disabled';
/** The platform as ibex models it; AWS reports `platform: 'windows'` only for Windows. */
export type ImagePlatform = 'Linux' | 'Windows';

/** One launch permission entry, as in ModifyImageAttribute's `LaunchPermission`. */
export interface LaunchPermission {
  userId?: string;
  /** Only `all` exists: it makes the AMI public. */
  group?: 'all';
  organizationArn?: string;
  organizationalUnitArn?: string;
}

/** An AMI as DescribeImages returns it. */
export interface Ec2Image {
  imageId: string;
  ownerId: string;
  /** `amazon` for Amazon-managed images. */
  imageOwnerAlias?: string;
  name: string;
  description?: string;
  state: ImageState;
  /** AWS sets this only for Windows AMIs. */
  platform?: 'windows';
  /** `Linux/UNIX` or `Windows`. */
  platformDetails: string;
  creationDate: string;
  public: boolean;
  tags: Tag[];
  blockDeviceMappings: { deviceName: string; ebs: { snapshotId: string; encrypted: boolean; kmsKeyId?: string } }[];
  sourceImageId?: string;
  sourceImageRegion?: string;
  stateReason?: { code: string; message: string };
  /** ISO-8601 time from which the AMI is deprecated (EnableImageDeprecation). */
  deprecationTime?: string;
}

export interface DescribeImagesInput {
  imageIds?: string[];
  /** Account ids, `self` or `amazon`. */
  owners?: string[];
  /** Account ids or `all`: images those principals may launch. */
  executableUsers?: string[];
  /** Supported filter names: `name` (with `*` wildcards), `state`, `tag:<key>`, `image-id`. */
  filters?: { name: string; values: string[] }[];
  includeDeprecated?: boolean;
  /** Disabled AMIs (owner only) are left out unless this is set. */
  includeDisabled?: boolean;
}

export interface RegisterImageInput {
  name: string;
  description?: string;
  platform?: ImagePlatform;
  encrypted?: boolean;
  kmsKeyId?: string;
  tagSpecifications?: { resourceType: 'image'; tags: Tag[] }[];
}

export interface CreateImageInput extends RegisterImageInput {
  /** The build instance; the simulated world does not model instances and ignores it. */
  instanceId?: string;
}

export interface CopyImageInput extends DryRunnable {
  sourceImageId: string;
  sourceRegion: string;
  name: string;
  description?: string;
  encrypted?: boolean;
  /** Key id, key ARN, alias name or alias ARN. Another account's key must be a full ARN. */
  kmsKeyId?: string;
  /** Idempotency: the same token and input return the same image id; another input fails. */
  clientToken?: string;
  tagSpecifications?: { resourceType: 'image'; tags: Tag[] }[];
}

export interface ModifyImageAttributeInput extends DryRunnable {
  imageId: string;
  launchPermission: { add?: LaunchPermission[]; remove?: LaunchPermission[] };
}

export interface LaunchTemplate {
  launchTemplateId: string;
  launchTemplateName: string;
  defaultVersionNumber: number;
  latestVersionNumber: number;
  tags: Tag[];
}

export interface LaunchTemplateVersion {
  launchTemplateId: string;
  versionNumber: number;
  defaultVersion: boolean;
  launchTemplateData: { imageId?: string };
}

export type DiskImageFormat = 'VMDK' | 'RAW' | 'VHD';

export interface ExportImageTask {
  exportImageTaskId: string;
  imageId: string;
  /** `active` while running, then `completed` (or `failed`). */
  status: 'active' | 'completed' | 'deleting' | 'deleted' | 'failed';
  statusMessage?: string;
  progress?: string;
  s3ExportLocation: { s3Bucket: string; s3Prefix?: string };
  diskImageFormat: DiskImageFormat;
}

export interface EnableFastLaunchInput extends DryRunnable {
  imageId: string;
  resourceType?: 'snapshot';
  snapshotConfiguration?: { targetResourceCount?: number };
  launchTemplate?: { launchTemplateId?: string; launchTemplateName?: string; version: string };
  /** EC2 requires at least 6. */
  maxParallelLaunches?: number;
}

export interface FastLaunchState {
  imageId: string;
  state: 'enabling' | 'enabled' | 'enabling-failed' | 'disabling' | 'disabled';
  resourceType: 'snapshot';
  snapshotConfiguration: { targetResourceCount: number };
  launchTemplate?: { launchTemplateId?: string; launchTemplateName?: string; version: string };
  maxParallelLaunches: number;
  ownerId: string;
}

/** EC2: AMIs, launch permissions, tags, launch templates, export, fast launch. */
export interface Ec2Port extends Ec2LifecyclePort {
  /**
   * Lists AMIs the caller can see in the scope's Region: its own, those whose launch
   * permissions name it, its organization or an OU containing it, and public ones.
   * An explicitly requested id that is not visible fails with `InvalidAMIID.NotFound`.
   */
  describeImages(scope: CloudScope, input: DescribeImagesInput): Promise<{ images: Ec2Image[] }>;
  /** Reads an AMI's launch permissions (owner only, else `AuthFailure`). */
  describeImageAttribute(
    scope: CloudScope,
    input: { imageId: string; attribute: 'launchPermission' },
  ): Promise<{ imageId: string; launchPermissions: LaunchPermission[] }>;
  /** Registers a new AMI (a build output). Pending for the build timing. */
  registerImage(scope: CloudScope, input: RegisterImageInput): Promise<{ imageId: string }>;
  /** Creates an AMI from a (notional) build instance. Same rules as registerImage. */
  createImage(scope: CloudScope, input: CreateImageInput): Promise<{ imageId: string }>;
  /**
   * Copies an AMI into the scope's account and Region (the destination). Pending for the copy
   * timing, after a pending source becomes available. At most 50 pending copies per destination
   * account and Region (`ResourceLimitExceeded`). With `dryRun`, see `DryRunnable`.
   */
  copyImage(scope: CloudScope, input: CopyImageInput): Promise<{ imageId: string }>;
  /** Adds or removes launch permissions (owner only). With `dryRun`, see `DryRunnable`. */
  modifyImageAttribute(scope: CloudScope, input: ModifyImageAttributeInput): Promise<void>;
  /** Adds or overwrites tags on AMIs or launch templates the caller owns. */
  createTags(scope: CloudScope, input: { resources: string[]; tags: Tag[] }): Promise<void>;
  /** Deregisters an AMI the caller owns; its name becomes free. */
  deregisterImage(scope: CloudScope, input: { imageId: string }): Promise<void>;
  describeLaunchTemplates(
    scope: CloudScope,
    input: { launchTemplateIds?: string[]; launchTemplateNames?: string[] },
  ): Promise<{ launchTemplates: LaunchTemplate[] }>;
  describeLaunchTemplateVersions(
    scope: CloudScope,
    input: { launchTemplateId: string; versions?: string[] },
  ): Promise<{ launchTemplateVersions: LaunchTemplateVersion[] }>;
  /**
   * Adds a version that copies `sourceVersion` (default: the default version) and sets `imageId`.
   * With `dryRun`, see `DryRunnable`.
   */
  createLaunchTemplateVersion(
    scope: CloudScope,
    input: { launchTemplateId: string; sourceVersion?: string; launchTemplateData: { imageId?: string }; clientToken?: string } & DryRunnable,
  ): Promise<{ launchTemplateVersion: LaunchTemplateVersion }>;
  /** Sets the default version. With `dryRun`, see `DryRunnable`. */
  modifyLaunchTemplate(
    scope: CloudScope,
    input: { launchTemplateId: string; defaultVersion: string } & DryRunnable,
  ): Promise<{ launchTemplate: LaunchTemplate }>;
  /** Starts exporting an available AMI to S3 as `<s3Prefix><taskId>.<format>`. With `dryRun`, see `DryRunnable`. */
  exportImage(
    scope: CloudScope,
    input: {
      imageId: string;
      diskImageFormat: DiskImageFormat;
      s3ExportLocation: { s3Bucket: string; s3Prefix?: string };
      roleName?: string;
      clientToken?: string;
    } & DryRunnable,
  ): Promise<{ exportImageTaskId: string; status: ExportImageTask['status'] }>;
  describeExportImageTasks(scope: CloudScope, input: { exportImageTaskIds?: string[] }): Promise<{ exportImageTasks: ExportImageTask[] }>;
  /** Enables Windows fast launch on an AMI the caller owns. With `dryRun`, see `DryRunnable`. */
  enableFastLaunch(scope: CloudScope, input: EnableFastLaunchInput): Promise<FastLaunchState>;
  describeFastLaunchImages(scope: CloudScope, input: { imageIds?: string[] }): Promise<{ fastLaunchImages: FastLaunchState[] }>;
  /** `block-new-sharing` when block public access for AMIs is on in this account and Region. */
  getImageBlockPublicAccessState(scope: CloudScope): Promise<{ imageBlockPublicAccessState: 'block-new-sharing' | 'unblocked' }>;
}

/**
 * EC2's AMI lifecycle calls (what Image Builder lifecycle policies do to output AMIs). All act
 * on an AMI the caller owns (`AuthFailure` otherwise, `InvalidAMIID.NotFound` when not visible).
 */
export interface Ec2LifecyclePort {
  /** Sets the deprecation time; from then on non-owners see the AMI only by id or with IncludeDeprecated. */
  enableImageDeprecation(scope: CloudScope, input: { imageId: string; deprecateAt: string }): Promise<void>;
  /** Removes the deprecation time. */
  disableImageDeprecation(scope: CloudScope, input: { imageId: string }): Promise<void>;
  /** Disables the AMI: state `disabled`, every launch permission removed (they do not come back). */
  disableImage(scope: CloudScope, input: { imageId: string }): Promise<void>;
  /** Re-enables a disabled AMI (state `available`, still private). */
  enableImage(scope: CloudScope, input: { imageId: string }): Promise<void>;
  /** Deletes a snapshot no registered AMI uses (`InvalidSnapshot.InUse` otherwise, `InvalidSnapshot.NotFound`). */
  deleteSnapshot(scope: CloudScope, input: { snapshotId: string }): Promise<void>;
  /**
   * Removes tags from AMIs the caller owns (EC2 DeleteTags): a tag given with a value goes only
   * when its value matches; one without a value goes whatever its value. Absent tags are no error.
   */
  deleteTags(scope: CloudScope, input: { resources: string[]; tags: TagToDelete[] }): Promise<void>;
}

/** A tag DeleteTags removes: by key alone, or only when it has this value. */
export interface TagToDelete {
  key: string;
  value?: string;
}

// ---------------------------------------------------------------- ECR

export interface EcrRepository {
  repositoryName: string;
  repositoryArn: string;
  registryId: string;
  repositoryUri: string;
}

export interface EcrImageDetail {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
  imageTags: string[];
  imagePushedAt: string;
}

/** ECR: repositories and images. */
export interface EcrPort {
  /** Fails with `RepositoryNotFoundException` for a named repository that does not exist. */
  describeRepositories(scope: CloudScope, input: { repositoryNames?: string[] }): Promise<{ repositories: EcrRepository[] }>;
  /**
   * Pushes a manifest, tagging it with `imageTag`. Pushing the same manifest with another tag adds
   * the tag; a tag moves from an older image to the new one (mutable tags).
   */
  putImage(
    scope: CloudScope,
    input: { repositoryName: string; imageManifest: string; imageTag?: string },
  ): Promise<{ image: { registryId: string; repositoryName: string; imageId: { imageDigest: string; imageTag?: string } } }>;
  describeImages(
    scope: CloudScope,
    input: { repositoryName: string; imageIds?: { imageDigest?: string; imageTag?: string }[] },
  ): Promise<{ imageDetails: EcrImageDetail[] }>;
  /**
   * Deletes images (ECR BatchDeleteImage): by digest, the image with all its tags; by tag, that tag,
   * and the image with its last one. Ids that match nothing are reported in `failures`
   * (`ImageNotFound`), not thrown; a missing repository is `RepositoryNotFoundException`.
   */
  batchDeleteImage(
    scope: CloudScope,
    input: { repositoryName: string; imageIds: { imageDigest?: string; imageTag?: string }[] },
  ): Promise<{
    imageIds: { imageDigest?: string; imageTag?: string }[];
    failures: { imageId: { imageDigest?: string; imageTag?: string }; failureCode: string; failureReason: string }[];
  }>;
}

// ---------------------------------------------------------------- S3

/** S3: buckets and objects (bucket names are global). */
export interface S3Port {
  /** `NotFound` when the bucket does not exist, `Forbidden` when it is another account's. */
  headBucket(scope: CloudScope, input: { bucket: string }): Promise<{ bucketRegion: string }>;
  putObject(scope: CloudScope, input: { bucket: string; key: string; body?: Uint8Array | string }): Promise<{ eTag: string }>;
  /** The object's content as UTF-8 text; `NoSuchKey` when it does not exist. */
  getObject(scope: CloudScope, input: { bucket: string; key: string }): Promise<{ body: string }>;
  /** Deletes an object (no error when the key does not exist, as S3). Drift tests remove exports with it. */
  deleteObject(scope: CloudScope, input: { bucket: string; key: string }): Promise<void>;
  listObjects(scope: CloudScope, input: { bucket: string; prefix?: string }): Promise<{ contents: { key: string; size: number; lastModified: string }[] }>;
}

// ---------------------------------------------------------------- SSM

export interface SsmParameter {
  name: string;
  type: 'String';
  value: string;
  version: number;
  dataType: 'text' | 'aws:ec2:image';
  lastModifiedDate: string;
}

/**
 * SSM Parameter Store. PutParameter has no `DryRun` in AWS, so its permission cannot be checked
 * without writing; the preflight warns instead.
 */
export interface SsmPort {
  /** `aws:ec2:image` values must name an AMI the account can see in that Region. */
  putParameter(
    scope: CloudScope,
    input: { name: string; value: string; type?: 'String'; dataType?: 'text' | 'aws:ec2:image'; overwrite?: boolean },
  ): Promise<{ version: number }>;
  /** `ParameterNotFound` when absent. */
  getParameter(scope: CloudScope, input: { name: string }): Promise<{ parameter: SsmParameter }>;
}

// ---------------------------------------------------------------- STS

/** STS. */
export interface StsPort {
  /**
   * Assumes a role in another (or the same) account. The role must exist and trust the calling
   * account, else `AccessDenied`. The returned `scope` (in the caller's Region unless one is given)
   * makes later calls act as the role's account.
   */
  assumeRole(
    scope: CloudScope,
    input: { roleArn: string; roleSessionName: string; durationSeconds?: number; region?: string },
  ): Promise<{ credentials: AssumedRoleCredentials; assumedRoleUser: { arn: string; assumedRoleId: string }; scope: CloudScope }>;
  /** Who the scope calls as. */
  getCallerIdentity(scope: CloudScope): Promise<{ account: string; arn: string }>;
}

// ---------------------------------------------------------------- Organizations

export interface Organization {
  id: string;
  arn: string;
  masterAccountId: string;
}

/** Organizations: membership of accounts in organizations and nested OUs. */
export interface OrganizationsPort {
  /** The caller's organization; `AWSOrganizationsNotInUseException` when it has none. */
  describeOrganization(scope: CloudScope): Promise<{ organization: Organization }>;
  /** Parents of an account or OU (management account only). */
  listParents(scope: CloudScope, input: { childId: string }): Promise<{ parents: { id: string; type: 'ROOT' | 'ORGANIZATIONAL_UNIT' }[] }>;
  describeOrganizationalUnit(
    scope: CloudScope,
    input: { organizationalUnitId: string },
  ): Promise<{ organizationalUnit: { id: string; arn: string; name: string } }>;
  describeAccount(scope: CloudScope, input: { accountId: string }): Promise<{ account: { id: string; arn: string; name: string } }>;
  /**
   * Direct children (accounts or OUs) of a root or OU, every page (management account only;
   * `ParentNotFoundException` for an unknown parent). OU-following targets walk the tree with it.
   */
  listChildren(
    scope: CloudScope,
    input: { parentId: string; childType: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' },
  ): Promise<{ children: { id: string; type: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' }[] }>;
}

// ---------------------------------------------------------------- KMS

export interface KeyMetadata {
  keyId: string;
  arn: string;
  awsAccountId: string;
  keyState: 'Enabled';
  keyManager: 'CUSTOMER' | 'AWS';
}

/** KMS. */
export interface KmsPort {
  /**
   * Resolves a key id, key ARN, alias or alias ARN in the scope's Region. A bare id or alias is
   * looked up in the caller's account (`NotFoundException` for another account's key); another
   * account's key needs its full ARN and a key policy that allows the caller (`AccessDeniedException`).
   */
  describeKey(scope: CloudScope, input: { keyId: string }): Promise<{ keyMetadata: KeyMetadata }>;
}

// ---------------------------------------------------------------- License Manager

/** License Manager. */
export interface LicenseManagerPort {
  /** Associates license configurations with an AMI (`resourceArn` = `arn:aws:ec2:<region>::image/ami-…`). */
  updateLicenseSpecificationsForResource(
    scope: CloudScope,
    input: {
      resourceArn: string;
      addLicenseSpecifications?: { licenseConfigurationArn: string }[];
      removeLicenseSpecifications?: { licenseConfigurationArn: string }[];
    },
  ): Promise<void>;
  listLicenseSpecificationsForResource(
    scope: CloudScope,
    input: { resourceArn: string },
  ): Promise<{ licenseSpecifications: { licenseConfigurationArn: string }[] }>;
}

/** Every port, as the engine receives them. */
export interface CloudPorts {
  ec2: Ec2Port;
  ecr: EcrPort;
  s3: S3Port;
  ssm: SsmPort;
  sts: StsPort;
  organizations: OrganizationsPort;
  kms: KmsPort;
  licenseManager: LicenseManagerPort;
}
