// ImportDiskImage: builds an image (buildType IMPORT_ISO, imageSource IMPORTED) from an ISO disk
// image object in the world's S3, with the caller's infrastructure configuration. The object must
// exist and be readable; the simulated build completes at once.
import { loadInfrastructure } from '../pipelines/inputs.js';
import { ClientException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { importImage } from './imports.js';
import { assertS3Object } from './s3-objects.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const ImportDiskImage: Handler<'ImportDiskImage'> = async (input, ctx) => {
  const infra = loadInfrastructure(ctx.services, ctx.scope, input.infrastructureConfigurationArn);
  if (!['Windows', 'Linux', 'macOS'].includes(input.platform)) {
    throw new ClientException(invalidParameter('platform', `'${input.platform}' is not one of Windows, Linux, macOS.`));
  }
  await assertS3Object(ctx, input.uri, 'uri');
  const respond = (imageBuildVersionArn: string) => ({ clientToken: input.clientToken, imageBuildVersionArn });
  const imageBuildVersionArn = await importImage(
    ctx,
    {
      name: input.name,
      semanticVersion: input.semanticVersion,
      ...(input.description !== undefined ? { description: input.description } : {}),
      platform: input.platform as 'Windows' | 'Linux' | 'macOS',
      osVersion: input.osVersion,
      buildType: 'IMPORT_ISO',
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
      ...(input.executionRole ? { executionRole: input.executionRole } : {}),
      infrastructureConfiguration: infra.body,
    },
    respond,
  );
  return respond(imageBuildVersionArn);
};
