// Semantic versions as Image Builder uses them (facts §7): `major.minor.patch` with nodes up to
// 2^30-1, `x` wildcards that select the newest (every node right of the first `x` is `x` too),
// and the latestVersionReferences of a resource version.
import { InvalidVersionNumberException } from '../model/generated/errors.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import { invalidParameter } from './invalid-parameter.js';

/** Largest value of one version node. */
export const MAX_NODE = 2 ** 30 - 1;

/** Throws InvalidVersionNumberException unless `v` is a concrete x.y.z with nodes in range. */
export function assertSemanticVersion(v: string, param = 'semanticVersion'): void {
  const nodes = v.split('.');
  if (nodes.length !== 3 || nodes.some((n) => !/^\d+$/.test(n) || Number(n) > MAX_NODE)) {
    throw new InvalidVersionNumberException(
      invalidParameter(param, `The semantic version '${v}' must be <major>.<minor>.<patch>, each node an integer from 0 to ${MAX_NODE}.`),
    );
  }
}

/** Throws unless a version pattern is x.y.z with `x` only as a suffix (`1.x.x`, not `x.2.x` or `1.x.8`). */
export function assertVersionPattern(v: string, param: string): void {
  const nodes = v.split('.');
  const firstX = nodes.indexOf('x');
  const bad =
    nodes.length !== 3 ||
    nodes.some((n) => n !== 'x' && (!/^\d+$/.test(n) || Number(n) > MAX_NODE)) ||
    (firstX >= 0 && nodes.slice(firstX).some((n) => n !== 'x'));
  if (bad) {
    throw new InvalidVersionNumberException(
      invalidParameter(param, `The version '${v}' is not a valid semantic version: a wildcard 'x' must be followed only by wildcards.`),
    );
  }
}

/** Compares concrete `x.y.z[/n]` versions ascending. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[./]/).map(Number);
  const pb = b.split(/[./]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether concrete `x.y.z` matches a pattern with `x` wildcards. */
export function matchesPattern(pattern: string, version: string): boolean {
  const p = pattern.split('.');
  const v = version.split('.');
  return p.length === 3 && p.every((n, i) => n === 'x' || Number(n) === Number(v[i]));
}

/** The newest item whose version matches `pattern`. */
export function newest<T>(items: T[], versionOf: (t: T) => string, pattern: string): T | undefined {
  return items.filter((i) => matchesPattern(pattern, versionOf(i).split('/')[0]!)).sort((a, b) => compareVersions(versionOf(b), versionOf(a)))[0];
}

/** latestVersionReferences for `version` among `items` (each with its ARN and `x.y.z[/n]` version). */
export function latestReferences<T>(items: T[], versionOf: (t: T) => string, arnOf: (t: T) => string, version: string): LatestVersionReferences {
  const [ma, mi, pa] = version.split('/')[0]!.split('.');
  const pick = (pattern: string) => {
    const n = newest(items, versionOf, pattern);
    return n ? arnOf(n) : undefined;
  };
  const refs: LatestVersionReferences = {};
  const all = pick('x.x.x');
  const major = pick(`${ma}.x.x`);
  const minor = pick(`${ma}.${mi}.x`);
  const patch = pick(`${ma}.${mi}.${pa}`);
  if (all) refs.latestVersionArn = all;
  if (major) refs.latestMajorVersionArn = major;
  if (minor) refs.latestMinorVersionArn = minor;
  if (patch) refs.latestPatchVersionArn = patch;
  return refs;
}
