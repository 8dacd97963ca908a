// ARN builders and parsers for the resources the world models, in AWS's exact formats.
import { partitionOf } from '../../domain/scope.js';

export const orgArn = (managementAccountId: string, orgId: string): string => `arn:aws:organizations::${managementAccountId}:organization/${orgId}`;

export const ouArn = (managementAccountId: string, orgId: string, ouId: string): string => `arn:aws:organizations::${managementAccountId}:ou/${orgId}/${ouId}`;

export const roleArn = (accountId: string, roleName: string): string => `arn:aws:iam::${accountId}:role/${roleName}`;

export const kmsKeyArn = (region: string, accountId: string, keyId: string): string => `arn:${partitionOf(region)}:kms:${region}:${accountId}:key/${keyId}`;

/** AMI ARNs have an empty account field, as AWS writes them. */
export const imageArn = (region: string, imageId: string): string => `arn:${partitionOf(region)}:ec2:${region}::image/${imageId}`;

export const ecrRepositoryArn = (region: string, accountId: string, name: string): string =>
  `arn:${partitionOf(region)}:ecr:${region}:${accountId}:repository/${name}`;

export const ecrRepositoryUri = (region: string, accountId: string, name: string): string => `${accountId}.dkr.ecr.${region}.amazonaws.com/${name}`;

/** Parses `arn:aws:iam::<account>:role/<path/>name`. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | null {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(arn);
  return m ? { accountId: m[1]!, roleName: m[2]! } : null;
}

/** Parses a KMS key or alias ARN. */
export function parseKmsArn(arn: string): { region: string; accountId: string; resource: 'key' | 'alias'; id: string } | null {
  const m = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, resource: m[3] as 'key' | 'alias', id: m[4]! } : null;
}

/** Parses an AMI ARN (`arn:aws:ec2:<region>::image/ami-…`; an account field is tolerated). */
export function parseImageArn(arn: string): { region: string; imageId: string } | null {
  const m = /^arn:aws[a-z-]*:ec2:([a-z0-9-]+):\d{0,12}:image\/(ami-[0-9a-f]+)$/.exec(arn);
  return m ? { region: m[1]!, imageId: m[2]! } : null;
}

export const ORG_ARN_RE = /^arn:aws[^:]*:organizations::([0-9]{12}):organization\/(o-[a-z0-9]{10,32})$/;
export const OU_ARN_RE = /^arn:aws[^:]*:organizations::([0-9]{12}):ou\/(o-[a-z0-9]{10,32})\/(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})$/;
