// Image build-version ARNs (`…:image/<name>/<x.y.z>/<build>`) and version ARNs with optional
// `x` wildcards (`…:image/<name>/1.x.x`), as GetImage and DistributeImage accept them.
import { imagebuilderArn } from './arn.js';
import type { Scope } from './scope.js';

/** A parsed image ARN. */
export interface ImageRef {
  name: string;
  /** `x.y.z`, possibly with `x` wildcards. */
  version: string;
  build?: number;
}

/** `…:image/<name>/<version>/<build>`. */
export function imageBuildArn(scope: Scope, name: string, version: string, build: number): string {
  return imagebuilderArn(scope, 'image', `${name}/${version}/${build}`);
}

/** Parses the id part of an image ARN (after `image/`). */
export function parseImageRef(resourceId: string): ImageRef | undefined {
  const m = /^([a-z0-9-_]+)\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))(?:\/(\d+))?$/.exec(resourceId);
  if (!m) return undefined;
  return { name: m[1]!, version: m[2]!, ...(m[3] !== undefined ? { build: Number(m[3]) } : {}) };
}

/** Whether a concrete `x.y.z` matches a version with `x` wildcards. */
export function versionMatches(pattern: string, version: string): boolean {
  const p = pattern.split('.');
  const v = version.split('.');
  return p.every((n, i) => n === 'x' || n === v[i]);
}

/** Orders `x.y.z/n` versions newest first. */
export function compareBuildVersions(a: string, b: string): number {
  const pa = a.split(/[./]/).map(Number);
  const pb = b.split(/[./]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** An ARN id segment from a free-form name (AMI names may hold characters ARNs do not). */
export function imageNameFrom(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9-_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id.slice(0, 100) || 'image';
}
