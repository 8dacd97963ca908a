// ECR helpers: the caller's repository (registryId must be its own account), model views, paging.
import { createHash } from 'node:crypto';
import { ecrRepositoryArn, ecrRepositoryUri } from '../../cloud/simulated/arns.js';
import { enter, type Ctx } from '../../cloud/simulated/sim.js';
import type { RepoRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';

export const ecrEnter = (call: WorldCall, operation: string, input: Doc): Ctx => {
  const ctx = enter(call.sim, 'ecr', operation, call.scope);
  assertOwnRegistry(ctx.accountId, input);
  return ctx;
};

/** ibex answers only the caller's own registry. */
export function assertOwnRegistry(accountId: string, input: Doc): void {
  if (input.registryId !== undefined && input.registryId !== accountId) {
    // Another account's registry needs a repository policy, which ibex does not model.
    throw new WorldError(
      'RepositoryNotFoundException',
      `The repository with name '${String(input.repositoryName ?? '')}' does not exist in the registry with id '${String(input.registryId)}'`,
    );
  }
}

export function repoOrThrow(call: WorldCall, ctx: Ctx, name: string): RepoRec {
  const r = call.sim.state.repoOf(ctx.accountId, ctx.region, name);
  if (!r) throw new WorldError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${ctx.accountId}'`);
  return r;
}

export function wireRepo(r: RepoRec): Doc {
  return {
    repositoryArn: ecrRepositoryArn(r.region, r.accountId, r.repositoryName),
    registryId: r.accountId,
    repositoryName: r.repositoryName,
    repositoryUri: ecrRepositoryUri(r.region, r.accountId, r.repositoryName),
    createdAt: new Date(r.createdAt ?? 0),
    imageTagMutability: r.imageTagMutability ?? 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

/** The manifest of an image: the pushed one, or a minimal one for images the world made. */
export function manifestOf(img: RepoRec['images'][number]): string {
  return (
    img.manifest ??
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 0, digest: img.imageDigest },
      layers: [],
    })
  );
}

export const sizeOf = (img: RepoRec['images'][number]): number =>
  Buffer.byteLength(manifestOf(img)) * 1000 + (parseInt(createHash('sha256').update(img.imageDigest).digest('hex').slice(0, 4), 16) % 1000);

/** One page by an opaque offset (`nextToken`). */
export function ecrPage<T>(items: T[], input: Doc, defaultMax: number): { items: T[]; nextToken?: string } {
  const max = (input.maxResults as number | undefined) ?? defaultMax;
  let start = 0;
  const token = input.nextToken as string | undefined;
  if (token) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('InvalidParameterException', "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid pagination token'");
    start = Number(m[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(`ibex:${end}`).toString('base64url') } : {}) };
}

/** Images matching `filter.tagStatus`. */
export function byTagStatus(images: RepoRec['images'], input: Doc): RepoRec['images'] {
  const status = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
  return images.filter((i) => status === 'ANY' || (status === 'TAGGED' ? i.imageTags.length > 0 : i.imageTags.length === 0));
}
