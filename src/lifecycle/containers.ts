// Lifecycle DELETE of a container image's outputs: its image URIs grouped per repository (one
// execution resource each), and the deletion of the ECR image its build tag names, by digest, so
// an image a tag (`latest`) has since moved to is never touched. Gone already counts as done.
import { CloudError, type CloudScope, type EcrPort } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { Image, LifecycleExecutionResource } from '../model/generated/types.js';

type Resource = LifecycleExecutionResource & { resourceId: string };

/** An ECR image URI: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` (or `@<digest>`). */
interface ImageRef {
  accountId: string;
  region: string;
  repositoryName: string;
  tag?: string;
  digest?: string;
}

function parseImageUri(uri: string): ImageRef | undefined {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)(?::([^@]+)|@(sha256:[0-9a-f]{64}))$/.exec(uri);
  if (!m) return undefined;
  return { accountId: m[1]!, region: m[2]!, repositoryName: m[3]!, ...(m[4] ? { tag: m[4] } : {}), ...(m[5] ? { digest: m[5] } : {}) };
}

/** One resource row per repository a container image was pushed to (its URIs grouped). */
export function containerResources(containers: NonNullable<NonNullable<Image['outputResources']>['containers']>, scope: Scope): Resource[] {
  const byRepo = new Map<string, { ref: ImageRef; uris: string[] }>();
  for (const c of containers) {
    for (const uri of c.imageUris ?? []) {
      const ref = parseImageUri(uri);
      const key = ref ? `${ref.accountId}|${ref.region}|${ref.repositoryName}` : uri;
      const entry = byRepo.get(key) ?? { ref: ref ?? { accountId: scope.accountId, region: c.region ?? scope.region, repositoryName: '' }, uris: [] };
      entry.uris.push(uri);
      byRepo.set(key, entry);
    }
  }
  return [...byRepo.values()].map(({ ref, uris }) => ({ accountId: ref.accountId, resourceId: uris[0]!, region: ref.region, imageUris: uris }));
}

/**
 * Deletes one container output: its tags are resolved to the images they name, and the image its
 * build tag names (`latest`'s only when it has no other) is deleted by digest.
 */
export async function deleteContainer(ecr: EcrPort, scope: Scope, res: Resource, nowS: () => number): Promise<Resource> {
  const start = res.startTime ?? nowS();
  const done = (state: LifecycleExecutionResource['state']) => ({ ...res, state, startTime: start, endTime: nowS() });
  const cs: CloudScope = { accountId: res.accountId ?? scope.accountId, region: res.region ?? scope.region };
  const refs = (res.imageUris ?? []).map(parseImageUri).filter((r): r is ImageRef => r !== undefined);
  const repositoryName = refs[0]?.repositoryName;
  if (!repositoryName) return done({ status: 'FAILED', reason: `${res.resourceId} is not an ECR image URI.` });
  try {
    const digests: { tag?: string; digest: string }[] = [];
    for (const r of refs) {
      if (r.digest) {
        digests.push({ digest: r.digest });
        continue;
      }
      try {
        const d = (await ecr.describeImages(cs, { repositoryName, imageIds: [{ imageTag: r.tag! }] })).imageDetails[0];
        if (d) digests.push({ tag: r.tag!, digest: d.imageDigest });
      } catch (e) {
        if (e instanceof CloudError && (e.code === 'ImageNotFoundException' || e.code === 'RepositoryNotFoundException')) continue;
        throw e;
      }
    }
    const own = digests.find((d) => d.tag !== 'latest') ?? digests[0];
    if (!own) return done({ status: 'SUCCESS', reason: 'The container image was already deleted.' });
    const out = await ecr.batchDeleteImage(cs, { repositoryName, imageIds: [{ imageDigest: own.digest }] });
    const failure = out.failures.find((f) => f.failureCode !== 'ImageNotFound');
    if (failure) return done({ status: 'FAILED', reason: `${failure.failureCode}: ${failure.failureReason}` });
    const moved = digests.filter((d) => d.digest !== own.digest).map((d) => d.tag);
    return done({
      status: 'SUCCESS',
      ...(moved.length ? { reason: `Deleted ${own.digest}; the tag(s) ${moved.join(', ')} name another image now and were kept.` } : {}),
    });
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    if (e.code === 'RepositoryNotFoundException') return done({ status: 'SUCCESS', reason: 'The repository no longer exists.' });
    return done({ status: 'FAILED', reason: `${e.code}: ${e.message}` });
  }
}
