// Amazon-owned build inputs: the Amazon-managed parent images (derived from the world's AMIs of
// accounts marked `amazonManaged`: name from the AMI name before its first x.y.z, version from
// that x.y.z) and a few Amazon-owned components, as ListImages/ListComponents show them with
// owner `Amazon` and as recipes reference them (`arn:aws:imagebuilder:<region>:aws:…`).
import type { CloudPorts, Ec2Image } from '../cloud/ports.js';
import { imageNameFrom } from '../domain/image-arn.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import type { Component } from '../model/generated/types.js';

/** One Amazon-managed Image Builder image backed by a world AMI. */
export interface AmazonImage {
  arn: string;
  /** The version ARN (`…/x.y.z`). */
  versionArn: string;
  name: string;
  version: string;
  platform: 'Linux' | 'Windows';
  osVersion: string;
  amiId: string;
  dateCreated: string;
}

/** The Image Builder name and version of an Amazon AMI name. */
export function amazonNameAndVersion(amiName: string): { name: string; version: string } {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(amiName);
  if (!m) return { name: imageNameFrom(amiName), version: '1.0.0' };
  const prefix = amiName.slice(0, m.index).replace(/[-_. ]+$/, '');
  return { name: imageNameFrom(prefix || amiName), version: `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` };
}

function toAmazonImage(region: string, ami: Ec2Image): AmazonImage {
  const { name, version } = amazonNameAndVersion(ami.name);
  const platform = ami.platform === 'windows' ? 'Windows' : 'Linux';
  const base = `arn:${partitionOf(region)}:imagebuilder:${region}:aws:image/${name}/${version}`;
  return {
    arn: `${base}/1`,
    versionArn: base,
    name,
    version,
    platform,
    osVersion: platform === 'Windows' ? 'Microsoft Windows Server' : 'Amazon Linux',
    amiId: ami.imageId,
    dateCreated: ami.creationDate,
  };
}

/** Every Amazon-managed image in the scope's Region (available AMIs only). */
export async function amazonImages(cloud: CloudPorts, scope: Scope): Promise<AmazonImage[]> {
  const { images } = await cloud.ec2.describeImages(scope, { owners: ['amazon'] });
  return images.filter((i) => i.state === 'available').map((i) => toAmazonImage(scope.region, i));
}

const AMAZON_COMPONENTS: { name: string; version: string; platform: 'Linux' | 'Windows'; type: 'BUILD' | 'TEST'; description: string }[] = [
  { name: 'update-linux', version: '1.0.2', platform: 'Linux', type: 'BUILD', description: 'Updates Linux with the latest security updates.' },
  { name: 'aws-cli-version-2-linux', version: '1.0.4', platform: 'Linux', type: 'BUILD', description: 'Installs the latest version of the AWS CLI version 2.' },
  { name: 'reboot-test-linux', version: '1.0.0', platform: 'Linux', type: 'TEST', description: 'Tests that the system can reboot.' },
  { name: 'update-windows', version: '1.0.1', platform: 'Windows', type: 'BUILD', description: 'Updates Windows with the latest security updates.' },
  { name: 'reboot-test-windows', version: '1.0.0', platform: 'Windows', type: 'TEST', description: 'Tests that the system can reboot.' },
];

/** The Amazon-owned components of a Region (build node 1). */
export function amazonComponents(region: string): (Component & { arn: string; version: string })[] {
  return AMAZON_COMPONENTS.map((c) => ({
    arn: `arn:${partitionOf(region)}:imagebuilder:${region}:aws:component/${c.name}/${c.version}/1`,
    name: c.name,
    version: c.version,
    platform: c.platform,
    type: c.type,
    owner: 'Amazon',
    description: c.description,
    state: { status: 'ACTIVE' },
    dateCreated: '2024-01-01T00:00:00.000Z',
    encrypted: true,
    supportedOsVersions: [c.platform === 'Windows' ? 'Microsoft Windows Server 2022' : 'Amazon Linux 2023'],
    data: 'name: amazon-owned\nschemaVersion: 1.0\nphases: []\n',
  }));
}
