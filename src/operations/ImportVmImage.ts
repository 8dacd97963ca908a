// ImportVmImage: makes an Image Builder image (buildType IMPORT, imageSource IMPORTED) of the AMI a
// VM Import task produced, usable as a parent image. ibex's world has no VM Import service, so the
// task id must be well formed and the AMI is registered for it (docs/known-differences.md).
import { ClientException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { importImage } from './imports.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const ImportVmImage: Handler<'ImportVmImage'> = async (input, ctx) => {
  if (!/^import-ami-[0-9a-f]{8,17}$/.test(input.vmImportTaskId)) {
    throw new ClientException(invalidParameter('vmImportTaskId', `'${input.vmImportTaskId}' is not a VM Import task id (import-ami-…).`));
  }
  const respond = (imageArn: string) => ({ requestId: ctx.requestId, imageArn, clientToken: input.clientToken });
  const imageArn = await importImage(
    ctx,
    {
      name: input.name,
      semanticVersion: input.semanticVersion,
      ...(input.description !== undefined ? { description: input.description } : {}),
      platform: input.platform,
      ...(input.osVersion !== undefined ? { osVersion: input.osVersion } : {}),
      buildType: 'IMPORT',
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
    },
    respond,
  );
  return respond(imageArn);
};
