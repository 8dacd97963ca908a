// Reads an `s3://bucket/key` argument against the world's S3: the object must exist and be
// readable by the caller. Used by the import operations.
import { CloudError } from '../cloud/ports.js';
import { AccessDeniedException, ClientException } from '../model/generated/errors.js';
import type { Ctx } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Throws unless `uri` names an existing object the caller can read; returns bucket and key. */
export async function assertS3Object(ctx: Ctx, uri: string, param: string): Promise<{ bucket: string; key: string }> {
  const m = /^s3:\/\/([^/]+)\/(.+[^/])$/.exec(uri);
  if (!m) throw new ClientException(invalidParameter(param, `'${uri}' is not an S3 object URI (s3://bucket/key).`));
  const [, bucket, key] = m as unknown as [string, string, string];
  let contents: { key: string }[];
  try {
    contents = (await ctx.services.cloud.s3.listObjects(ctx.scope, { bucket, prefix: key })).contents;
  } catch (e) {
    if (e instanceof CloudError && /Forbidden|AccessDenied/.test(e.code))
      throw new AccessDeniedException(`Access denied to ${uri}: the bucket '${bucket}' belongs to another account.`);
    if (e instanceof CloudError && !e.retryable) throw new ClientException(invalidParameter(param, `${uri} cannot be read: ${e.code}: ${e.message}`));
    throw e;
  }
  if (!contents.some((o) => o.key === key)) throw new ClientException(invalidParameter(param, `The object ${uri} does not exist.`));
  return { bucket, key };
}
