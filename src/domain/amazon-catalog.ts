// Amazon's Image Builder catalog as ibex offers it — the one data file everything Amazon-owned is
// generated from: the Amazon-managed parent images (their Image Builder ARN id, display name,
// osVersion, versions, the AMI names the starter world registers for each version and the public
// SSM parameters that point at the newest), container parents, and Amazon-owned components with
// their published versions. Ids, display names and osVersions follow what Image Builder lists
// (facts: `amazon-linux-2023-x86` "Amazon Linux 2023 x86", osVersion "Amazon Linux 2023"); the
// version numbers and dates are illustrative (docs/known-differences.md).

/** One Amazon-managed parent image family. */
export interface CatalogImage {
  /** The id in `arn:aws:imagebuilder:<region>:aws:image/<id>/<version>`. */
  id: string;
  /** The `name` GetImage/ListImages show. */
  name: string;
  type: 'AMI' | 'DOCKER';
  platform: 'Linux' | 'Windows';
  osVersion: string;
  /** AMI name for a version; `{ymd}` is its date as yyyyMMdd, `{y.m.d}` as yyyy.MM.dd. */
  amiName?: string;
  amiDescription?: string;
  /** Public SSM parameters (`/aws/service/…`) whose value is the newest version's AMI id. */
  ssmParameters?: string[];
  /** Published versions, `yyyy.m.d` as Image Builder numbers Amazon's images; newest last. */
  versions: string[];
}

/** One Amazon-owned component. */
export interface CatalogComponent {
  name: string;
  platform: 'Linux' | 'Windows';
  type: 'BUILD' | 'TEST';
  description: string;
  supportedOsVersions: string[];
  /** Published versions, newest last. */
  versions: string[];
}

const V = ['2025.1.10', '2025.2.14', '2025.3.12'];
const LINUX_OS = ['Amazon Linux 2', 'Amazon Linux 2023', 'Ubuntu'];

export const AMAZON_CATALOG: { images: CatalogImage[]; components: CatalogComponent[] } = {
  images: [
    {
      id: 'amazon-linux-2023-x86',
      name: 'Amazon Linux 2023 x86',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Amazon Linux 2023',
      amiName: 'al2023-ami-2023.6.{ymd}.0-kernel-6.1-x86_64',
      amiDescription: 'Amazon Linux 2023 AMI 2023.6 x86_64 HVM kernel-6.1',
      ssmParameters: [
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      ],
      versions: V,
    },
    {
      id: 'amazon-linux-2023-arm64',
      name: 'Amazon Linux 2023 ARM64',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Amazon Linux 2023',
      amiName: 'al2023-ami-2023.6.{ymd}.0-kernel-6.1-arm64',
      amiDescription: 'Amazon Linux 2023 AMI 2023.6 arm64 HVM kernel-6.1',
      ssmParameters: [
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64',
      ],
      versions: V,
    },
    {
      id: 'amazon-linux-2-x86',
      name: 'Amazon Linux 2 x86',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Amazon Linux 2',
      amiName: 'amzn2-ami-kernel-5.10-hvm-2.0.{ymd}.0-x86_64-gp2',
      amiDescription: 'Amazon Linux 2 Kernel 5.10 AMI 2.0 x86_64 HVM gp2',
      ssmParameters: [
        '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
        '/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2',
      ],
      versions: V,
    },
    {
      id: 'amazon-linux-2-arm64',
      name: 'Amazon Linux 2 ARM64',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Amazon Linux 2',
      amiName: 'amzn2-ami-kernel-5.10-hvm-2.0.{ymd}.0-arm64-gp2',
      amiDescription: 'Amazon Linux 2 Kernel 5.10 AMI 2.0 arm64 HVM gp2',
      ssmParameters: [
        '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2',
        '/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-arm64-gp2',
      ],
      versions: V,
    },
    {
      id: 'windows-server-2019-english-full-base-x86',
      name: 'Windows Server 2019 English Full Base x86',
      type: 'AMI',
      platform: 'Windows',
      osVersion: 'Microsoft Windows Server 2019',
      amiName: 'Windows_Server-2019-English-Full-Base-{y.m.d}',
      amiDescription: 'Microsoft Windows Server 2019 with Desktop Experience Locale English AMI provided by Amazon',
      ssmParameters: ['/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base'],
      versions: V,
    },
    {
      id: 'windows-server-2022-english-full-base-x86',
      name: 'Windows Server 2022 English Full Base x86',
      type: 'AMI',
      platform: 'Windows',
      osVersion: 'Microsoft Windows Server 2022',
      amiName: 'Windows_Server-2022-English-Full-Base-{y.m.d}',
      amiDescription: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
      ssmParameters: ['/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base'],
      versions: V,
    },
    {
      id: 'windows-server-2025-english-full-base-x86',
      name: 'Windows Server 2025 English Full Base x86',
      type: 'AMI',
      platform: 'Windows',
      osVersion: 'Microsoft Windows Server 2025',
      amiName: 'Windows_Server-2025-English-Full-Base-{y.m.d}',
      amiDescription: 'Microsoft Windows Server 2025 Full Locale English AMI provided by Amazon',
      ssmParameters: ['/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-Base'],
      versions: V,
    },
    {
      id: 'ubuntu-server-22-lts-x86',
      name: 'Ubuntu Server 22 LTS x86',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Ubuntu 22',
      amiName: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-{ymd}',
      amiDescription: 'Canonical, Ubuntu, 22.04 LTS, amd64 jammy image',
      versions: V,
    },
    {
      id: 'ubuntu-server-24-lts-x86',
      name: 'Ubuntu Server 24 LTS x86',
      type: 'AMI',
      platform: 'Linux',
      osVersion: 'Ubuntu 24',
      amiName: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-{ymd}',
      amiDescription: 'Canonical, Ubuntu, 24.04 LTS, amd64 noble image',
      versions: V,
    },
    // Container parents (Amazon Linux images on ECR Public); container recipes name them.
    { id: 'amazon-linux-x86-latest', name: 'Amazon Linux x86 latest', type: 'DOCKER', platform: 'Linux', osVersion: 'Amazon Linux 2', versions: V },
    { id: 'amazon-linux-x86-2023', name: 'Amazon Linux x86 2023', type: 'DOCKER', platform: 'Linux', osVersion: 'Amazon Linux 2023', versions: V },
  ],
  components: [
    {
      name: 'update-linux',
      platform: 'Linux',
      type: 'BUILD',
      description: 'Updates Linux with the latest security updates.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0', '1.0.1', '1.0.2'],
    },
    {
      name: 'aws-cli-version-2-linux',
      platform: 'Linux',
      type: 'BUILD',
      description: 'Installs the latest version of the AWS CLI version 2.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4'],
    },
    {
      name: 'amazon-cloudwatch-agent-linux',
      platform: 'Linux',
      type: 'BUILD',
      description: 'Installs the latest version of the Amazon CloudWatch agent.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0', '1.0.1'],
    },
    {
      name: 'docker-ce-linux',
      platform: 'Linux',
      type: 'BUILD',
      description: 'Installs Docker Community Edition.',
      supportedOsVersions: ['Amazon Linux 2', 'Ubuntu'],
      versions: ['1.0.0'],
    },
    {
      name: 'python-3-linux',
      platform: 'Linux',
      type: 'BUILD',
      description: 'Installs Python 3.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0', '1.0.1'],
    },
    { name: 'reboot-linux', platform: 'Linux', type: 'BUILD', description: 'Reboots the system.', supportedOsVersions: LINUX_OS, versions: ['1.0.0', '1.0.1'] },
    {
      name: 'reboot-test-linux',
      platform: 'Linux',
      type: 'TEST',
      description: 'Tests that the system can reboot.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0'],
    },
    {
      name: 'simple-boot-test-linux',
      platform: 'Linux',
      type: 'TEST',
      description: 'Tests that the instance can boot.',
      supportedOsVersions: LINUX_OS,
      versions: ['1.0.0'],
    },
    {
      name: 'update-windows',
      platform: 'Windows',
      type: 'BUILD',
      description: 'Updates Windows with the latest security updates.',
      supportedOsVersions: ['Microsoft Windows Server 2019', 'Microsoft Windows Server 2022', 'Microsoft Windows Server 2025'],
      versions: ['1.0.0', '1.0.1'],
    },
    {
      name: 'aws-cli-version-2-windows',
      platform: 'Windows',
      type: 'BUILD',
      description: 'Installs the latest version of the AWS CLI version 2.',
      supportedOsVersions: ['Microsoft Windows Server 2019', 'Microsoft Windows Server 2022', 'Microsoft Windows Server 2025'],
      versions: ['1.0.0', '1.0.1'],
    },
    {
      name: 'amazon-cloudwatch-agent-windows',
      platform: 'Windows',
      type: 'BUILD',
      description: 'Installs the latest version of the Amazon CloudWatch agent.',
      supportedOsVersions: ['Microsoft Windows Server 2019', 'Microsoft Windows Server 2022', 'Microsoft Windows Server 2025'],
      versions: ['1.0.0'],
    },
    {
      name: 'reboot-test-windows',
      platform: 'Windows',
      type: 'TEST',
      description: 'Tests that the system can reboot.',
      supportedOsVersions: ['Microsoft Windows Server 2019', 'Microsoft Windows Server 2022', 'Microsoft Windows Server 2025'],
      versions: ['1.0.0'],
    },
  ],
};

/** The date a catalog version (`2025.3.12`) stands for. */
export function catalogDate(version: string): string {
  const [y, m, d] = version.split('.').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)).toISOString();
}

/** The AMI name of one version of a catalog image. */
export function catalogAmiName(image: CatalogImage, version: string): string {
  const [y, m, d] = version.split('.');
  const pad = (s: string | undefined) => (s ?? '1').padStart(2, '0');
  return image.amiName!.replace('{ymd}', `${y}${pad(m)}${pad(d)}`).replace('{y.m.d}', `${y}.${pad(m)}.${pad(d)}`);
}

/** Every AMI the catalog describes: one per AMI image and version. */
export function catalogAmis(): { image: CatalogImage; version: string; amiName: string; newest: boolean }[] {
  return AMAZON_CATALOG.images
    .filter((i) => i.type === 'AMI' && i.amiName)
    .flatMap((image) =>
      image.versions.map((version, n) => ({ image, version, amiName: catalogAmiName(image, version), newest: n === image.versions.length - 1 })),
    );
}
