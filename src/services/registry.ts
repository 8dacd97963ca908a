// Every world service's operation handlers, by signing name. An operation of a service's model
// that has no handler here answers that service's "not implemented" error.
import type { WorldHandlers, WorldServiceName } from './world-call.js';
import { EC2_HANDLERS } from './ec2/index.js';
import { ECR_HANDLERS } from './ecr/index.js';
import { IAM_HANDLERS } from './iam/index.js';
import { KMS_HANDLERS } from './kms/index.js';
import { LICENSE_MANAGER_HANDLERS } from './license-manager/index.js';
import { ORGANIZATIONS_HANDLERS } from './organizations/index.js';
import { S3_HANDLERS } from './s3/index.js';
import { SSM_HANDLERS } from './ssm/index.js';
import { STS_HANDLERS } from './sts/index.js';

export const WORLD_HANDLERS: Record<WorldServiceName, WorldHandlers> = {
  ec2: EC2_HANDLERS,
  ssm: SSM_HANDLERS,
  ecr: ECR_HANDLERS,
  s3: S3_HANDLERS,
  sts: STS_HANDLERS,
  iam: IAM_HANDLERS,
  kms: KMS_HANDLERS,
  organizations: ORGANIZATIONS_HANDLERS,
  'license-manager': LICENSE_MANAGER_HANDLERS,
};
