// EC2 wire views of world records and ports' results, named as the EC2 model names them, plus
// the paging and tag helpers the EC2 operations share.
import type { Ec2Image, LaunchPermission, Tag } from '../../cloud/ports.js';
import { WorldError, type Doc } from '../world-call.js';

/** Model `Tag` list from the ports' tags. */
export const wireTags = (tags: Tag[]): Doc[] => tags.map((t) => ({ Key: t.key, Value: t.value }));

/** The ports' tags from a model `TagList`. */
export const portTags = (tags: unknown): Tag[] =>
  ((tags as { Key?: string; Value?: string }[] | undefined) ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));

/** The image tags of `TagSpecifications` (ResourceType image, or unspecified). */
export function imageTagSpecs(specs: unknown): { resourceType: 'image'; tags: Tag[] }[] {
  const list = (specs as { ResourceType?: string; Tags?: unknown }[] | undefined) ?? [];
  for (const s of list) {
    if (s.ResourceType !== undefined && s.ResourceType !== 'image' && s.ResourceType !== 'snapshot') {
      throw new WorldError('InvalidParameterValue', `'${s.ResourceType}' is not a valid taggable resource type for this operation.`);
    }
  }
  return list.filter((s) => s.ResourceType !== 'snapshot').map((s) => ({ resourceType: 'image' as const, tags: portTags(s.Tags) }));
}

/**
 * The DescribeImages item. Tags are per account in EC2: a consumer of a shared AMI does not see
 * the owner's tags, so they are shown to the owner only.
 */
export function wireImage(img: Ec2Image, callerAccount: string): Doc {
  const windows = img.platform === 'windows';
  return {
    ImageId: img.imageId,
    ImageLocation: `${img.ownerId}/${img.name}`,
    State: img.state,
    OwnerId: img.ownerId,
    CreationDate: img.creationDate,
    Public: img.public,
    Architecture: 'x86_64',
    ImageType: 'machine',
    ...(windows ? { Platform: 'windows' } : {}),
    PlatformDetails: img.platformDetails,
    UsageOperation: windows ? 'RunInstances:0002' : 'RunInstances',
    ...(img.imageOwnerAlias ? { ImageOwnerAlias: img.imageOwnerAlias } : {}),
    Name: img.name,
    ...(img.description !== undefined ? { Description: img.description } : {}),
    EnaSupport: true,
    Hypervisor: 'xen',
    RootDeviceName: img.blockDeviceMappings[0]?.deviceName ?? '/dev/xvda',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    BlockDeviceMappings: img.blockDeviceMappings.map((b) => ({
      DeviceName: b.deviceName,
      Ebs: {
        SnapshotId: b.ebs.snapshotId,
        Encrypted: b.ebs.encrypted,
        ...(b.ebs.kmsKeyId ? { KmsKeyId: b.ebs.kmsKeyId } : {}),
        VolumeSize: windows ? 30 : 8,
        VolumeType: 'gp3',
        DeleteOnTermination: true,
      },
    })),
    ...(img.ownerId === callerAccount && img.tags.length ? { Tags: wireTags(img.tags) } : {}),
    ...(img.sourceImageId ? { SourceImageId: img.sourceImageId } : {}),
    ...(img.sourceImageRegion ? { SourceImageRegion: img.sourceImageRegion } : {}),
    ...(img.stateReason ? { StateReason: { Code: img.stateReason.code, Message: img.stateReason.message } } : {}),
    ...(img.deprecationTime ? { DeprecationTime: img.deprecationTime } : {}),
  };
}

/** Model launch permissions ⇄ the ports'. */
export const wirePermission = (p: LaunchPermission): Doc => ({
  ...(p.userId ? { UserId: p.userId } : {}),
  ...(p.group ? { Group: p.group } : {}),
  ...(p.organizationArn ? { OrganizationArn: p.organizationArn } : {}),
  ...(p.organizationalUnitArn ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
});
export const portPermission = (p: Doc): LaunchPermission => ({
  ...(p.UserId !== undefined ? { userId: p.UserId as string } : {}),
  ...(p.Group !== undefined ? { group: p.Group as 'all' } : {}),
  ...(p.OrganizationArn !== undefined ? { organizationArn: p.OrganizationArn as string } : {}),
  ...(p.OrganizationalUnitArn !== undefined ? { organizationalUnitArn: p.OrganizationalUnitArn as string } : {}),
});

/** The ports' filters from model `Filter`s. */
export const portFilters = (f: unknown): { name: string; values: string[] }[] =>
  ((f as { Name?: string; Values?: string[] }[] | undefined) ?? []).map((x) => ({ name: x.Name ?? '', values: x.Values ?? [] }));

/**
 * One page of `items` (already in a stable order) for MaxResults/NextToken. The token is the
 * offset, opaque to clients; a token that was not issued is `InvalidNextToken`... EC2's
 * `InvalidParameterValue` for a bad token.
 */
export function page<T>(items: T[], input: Doc, bounds: { min: number; max: number } | null): { items: T[]; NextToken?: string } {
  const max = input.MaxResults as number | undefined;
  if (max !== undefined && bounds && (max < bounds.min || max > bounds.max)) {
    throw new WorldError(
      'InvalidParameterValue',
      `Value ( ${max} ) for parameter maxResults is invalid. Parameter must be between ${bounds.min} and ${bounds.max}.`,
    );
  }
  let start = 0;
  const token = input.NextToken as string | undefined;
  if (token !== undefined && token !== '') {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m || Number(m[1]) > items.length) throw new WorldError('InvalidParameterValue', `The nextToken '${token}' is not valid.`);
    start = Number(m[1]);
  }
  if (max === undefined) return { items: items.slice(start) };
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`ibex:${end}`).toString('base64url') } : {}) };
}

/** `DryRunOperation` for a request with `DryRun` that would have succeeded. */
export function dryRun(input: Doc): void {
  if (input.DryRun === true) throw new WorldError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
}
