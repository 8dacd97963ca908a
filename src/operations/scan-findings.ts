// Deterministic simulated Inspector findings. ibex has no Inspector: an image gets findings only
// when it was built with image scanning enabled and is AVAILABLE (as in AWS), and which findings
// it gets is a function of its ARN, so the same world always answers the same.
import { createHash } from 'node:crypto';
import type { Image, ImagePackage, ImageScanFinding } from '../model/generated/types.js';
import { allImages } from './build-resources.js';
import type { Ctx } from './handler.js';

interface Catalogue {
  id: string;
  pkg: string;
  installed: string;
  fixed: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  score: number;
  title: string;
}

/** A small fixed catalogue of real-looking package vulnerabilities. */
const CATALOGUE: Catalogue[] = [
  { id: 'CVE-2024-6387', pkg: 'openssh', installed: '8.7p1-38', fixed: '8.7p1-43', severity: 'HIGH', score: 8.1, title: 'CVE-2024-6387 - openssh' },
  { id: 'CVE-2023-38545', pkg: 'curl', installed: '8.0.1-1', fixed: '8.4.0-1', severity: 'CRITICAL', score: 9.8, title: 'CVE-2023-38545 - curl' },
  { id: 'CVE-2024-2961', pkg: 'glibc', installed: '2.34-83', fixed: '2.34-100', severity: 'HIGH', score: 7.3, title: 'CVE-2024-2961 - glibc' },
  { id: 'CVE-2023-4911', pkg: 'glibc', installed: '2.34-83', fixed: '2.34-84', severity: 'HIGH', score: 7.8, title: 'CVE-2023-4911 - glibc' },
  { id: 'CVE-2024-0727', pkg: 'openssl', installed: '3.0.8-1', fixed: '3.0.8-5', severity: 'MEDIUM', score: 5.5, title: 'CVE-2024-0727 - openssl' },
  { id: 'CVE-2023-5678', pkg: 'openssl', installed: '3.0.8-1', fixed: '3.0.8-4', severity: 'MEDIUM', score: 5.3, title: 'CVE-2023-5678 - openssl' },
];

const PACKAGES: Record<string, ImagePackage[]> = {
  Linux: [
    { packageName: 'bash', packageVersion: '5.2.15-1.amzn2023.0.2' },
    { packageName: 'curl', packageVersion: '8.0.1-1.amzn2023' },
    { packageName: 'glibc', packageVersion: '2.34-83.amzn2023.0.1' },
    { packageName: 'kernel', packageVersion: '6.1.72-96.166.amzn2023' },
    { packageName: 'openssh', packageVersion: '8.7p1-38.amzn2023.0.1' },
    { packageName: 'openssl', packageVersion: '3.0.8-1.amzn2023.0.4' },
    { packageName: 'python3', packageVersion: '3.9.16-1.amzn2023.0.6' },
    { packageName: 'systemd', packageVersion: '252.16-1.amzn2023.0.1' },
  ],
  Windows: [
    { packageName: 'Amazon SSM Agent', packageVersion: '3.3.40.0' },
    { packageName: 'AWS Tools for Windows PowerShell', packageVersion: '4.1.500' },
    { packageName: 'EC2Launch', packageVersion: '2.0.1643' },
    { packageName: 'Microsoft .NET Framework', packageVersion: '4.8.09037' },
  ],
};

const hash = (s: string): Buffer => createHash('sha256').update(s).digest();

/** What SSM Inventory would have collected from the image's build instance. */
export function packagesOf(image: Image): ImagePackage[] {
  return PACKAGES[image.platform === 'Windows' ? 'Windows' : 'Linux']!;
}

/** The findings of one image (empty unless it was scanned). */
export function findingsOf(ctx: Ctx, image: Image & { arn: string }): ImageScanFinding[] {
  if (!image.imageScanningConfiguration?.imageScanningEnabled || image.state?.status !== 'AVAILABLE' || image.platform === 'Windows') return [];
  const h = hash(image.arn);
  const observed = Math.floor((Date.parse(image.dateCreated ?? '') || 0) / 1000);
  return CATALOGUE.filter((_, i) => (h[i]! & 1) === 1).map((c) => ({
    awsAccountId: ctx.scope.accountId,
    imageBuildVersionArn: image.arn,
    ...(image.sourcePipelineArn ? { imagePipelineArn: image.sourcePipelineArn } : {}),
    type: 'PACKAGE_VULNERABILITY',
    title: c.title,
    description: `${c.pkg} ${c.installed} is affected by ${c.id}.`,
    severity: c.severity,
    remediation: { recommendation: { text: `Upgrade ${c.pkg} to ${c.fixed} or later.` } },
    firstObservedAt: observed,
    updatedAt: observed,
    inspectorScore: c.score,
    packageVulnerabilityDetails: {
      vulnerabilityId: c.id,
      source: 'NVD',
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${c.id}`,
      vendorSeverity: c.severity,
      vulnerablePackages: [{ name: c.pkg, version: c.installed, fixedInVersion: c.fixed, packageManager: 'OS' }],
    },
    fixAvailable: 'YES',
  }));
}

/** Every finding of the caller's images, newest image first. */
export function allFindings(ctx: Ctx): ImageScanFinding[] {
  return allImages(ctx).flatMap((i) => findingsOf(ctx, i));
}
