// Amazon-owned build inputs, generated from the catalog data file (amazon-catalog.ts): the
// Amazon-managed parent images — each backed by a world AMI of an `amazonManaged` account whose
// name is a catalog AMI name; other Amazon AMIs (a world file's own) are named after the AMI name
// before its first x.y.z, versioned by that x.y.z — the container parents, and the Amazon-owned
// components, as GetImage/ListImages/GetComponent/ListComponents show them with owner `Amazon`
// and as recipes reference them (`arn:aws:imagebuilder:<region>:aws:…`).
import type { CloudPorts, Ec2Image } from '../cloud/ports.js';
import { imageNameFrom } from '../domain/image-arn.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import type { Component } from '../model/generated/types.js';
import { AMAZON_CATALOG, catalogAmis, catalogDate, type CatalogImage } from '../domain/amazon-catalog.js';

/** One Amazon-managed Image Builder image version (its only build is `/1`). */
export interface AmazonImage {
  /** The build ARN (`…/<version>/1`). */
  arn: string;
  /** The version ARN (`…/<version>`). */
  versionArn: string;
  /** The ARN's resource id (`amazon-linux-2023-x86`). */
  id: string;
  /** The display name (`Amazon Linux 2023 x86`). */
  name: string;
  version: string;
  type: 'AMI' | 'DOCKER';
  platform: 'Linux' | 'Windows';
  osVersion: string;
  /** The AMI behind it (AMI images only). */
  amiId?: string;
  amiName?: string;
  /** The account that owns that AMI. */
  amiOwnerId?: string;
  dateCreated: string;
}

let byAmiName: Map<string, { image: CatalogImage; version: string }> | undefined;
function catalogEntryOf(amiName: string): { image: CatalogImage; version: string } | undefined {
  byAmiName ??= new Map(catalogAmis().map((a) => [a.amiName, { image: a.image, version: a.version }]));
  return byAmiName.get(amiName);
}

/** The Image Builder id and version of an Amazon AMI name that is not in the catalog. */
export function amazonNameAndVersion(amiName: string): { name: string; version: string } {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(amiName);
  if (!m) return { name: imageNameFrom(amiName), version: '1.0.0' };
  const prefix = amiName.slice(0, m.index).replace(/[-_. ]+$/, '');
  return { name: imageNameFrom(prefix || amiName), version: `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` };
}

function arns(region: string, id: string, version: string): { arn: string; versionArn: string } {
  const versionArn = `arn:${partitionOf(region)}:imagebuilder:${region}:aws:image/${id}/${version}`;
  return { arn: `${versionArn}/1`, versionArn };
}

function toAmazonImage(region: string, ami: Ec2Image): AmazonImage {
  const platform = ami.platform === 'windows' ? 'Windows' : 'Linux';
  const entry = catalogEntryOf(ami.name);
  if (entry) {
    return {
      ...arns(region, entry.image.id, entry.version),
      id: entry.image.id,
      name: entry.image.name,
      version: entry.version,
      type: 'AMI',
      platform: entry.image.platform,
      osVersion: entry.image.osVersion,
      amiId: ami.imageId,
      amiName: ami.name,
      amiOwnerId: ami.ownerId,
      dateCreated: catalogDate(entry.version),
    };
  }
  const { name, version } = amazonNameAndVersion(ami.name);
  return {
    ...arns(region, name, version),
    id: name,
    name,
    version,
    type: 'AMI',
    platform,
    osVersion: platform === 'Windows' ? 'Microsoft Windows Server' : 'Amazon Linux',
    amiId: ami.imageId,
    amiName: ami.name,
    amiOwnerId: ami.ownerId,
    dateCreated: ami.creationDate,
  };
}

/** The catalog's container parents of a Region (no AMI behind them). */
function containerParents(region: string): AmazonImage[] {
  return AMAZON_CATALOG.images
    .filter((i) => i.type === 'DOCKER')
    .flatMap((i) =>
      i.versions.map((version) => ({
        ...arns(region, i.id, version),
        id: i.id,
        name: i.name,
        version,
        type: 'DOCKER' as const,
        platform: i.platform,
        osVersion: i.osVersion,
        dateCreated: catalogDate(version),
      })),
    );
}

/** Every Amazon-managed image in the scope's Region: AMI images (available AMIs only), then container parents. */
export async function amazonImages(cloud: CloudPorts, scope: Scope): Promise<AmazonImage[]> {
  const { images } = await cloud.ec2.describeImages(scope, { owners: ['amazon'] });
  return [...images.filter((i) => i.state === 'available').map((i) => toAmazonImage(scope.region, i)), ...containerParents(scope.region)];
}

/** The Amazon-owned components of a Region, every published version (build node 1). */
export function amazonComponents(region: string): (Component & { arn: string; version: string })[] {
  return AMAZON_CATALOG.components.flatMap((c) =>
    c.versions.map((version, n) => ({
      arn: `arn:${partitionOf(region)}:imagebuilder:${region}:aws:component/${c.name}/${version}/1`,
      name: c.name,
      version,
      platform: c.platform,
      type: c.type,
      owner: 'Amazon',
      description: c.description,
      state: { status: 'ACTIVE' as const },
      // Older versions are older: one month apart, the newest in early 2025.
      dateCreated: new Date(Date.UTC(2025, 0 - (c.versions.length - 1 - n), 6)).toISOString(),
      encrypted: true,
      supportedOsVersions: c.supportedOsVersions,
      data: `name: ${c.name}\ndescription: ${c.description}\nschemaVersion: 1.0\nphases: []\n`,
    })),
  );
}

/** The osVersion an image built on `parentImage` reports: the catalog parent's, else the platform's family. */
export function osVersionOf(parentImage: string | undefined, platform: 'Linux' | 'Windows'): string {
  const id = /^arn:[\w-]+:imagebuilder:[^:]*:aws:image\/([^/]+)\//.exec(parentImage ?? '')?.[1];
  const entry = id ? AMAZON_CATALOG.images.find((i) => i.id === id) : undefined;
  return entry?.osVersion ?? (platform === 'Windows' ? 'Microsoft Windows Server' : 'Amazon Linux');
}
