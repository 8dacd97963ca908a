// ECR ListImages: one id per tag (untagged images by digest only), in pages.
import type { WorldHandler } from '../world-call.js';
import { byTagStatus, ecrEnter, ecrPage, repoOrThrow } from './repos.js';

export const ListImages: WorldHandler = async (input, call) => {
  const ctx = ecrEnter(call, 'ListImages', input);
  const r = repoOrThrow(call, ctx, input.repositoryName as string);
  const ids = byTagStatus(r.images, input).flatMap((i) =>
    i.imageTags.length ? i.imageTags.map((imageTag) => ({ imageDigest: i.imageDigest, imageTag })) : [{ imageDigest: i.imageDigest }],
  );
  const p = ecrPage(ids, input, 1000);
  return { imageIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
