// Helpers shared by ImportVmImage and ImportDiskImage: registering the imported AMI in the
// caller's account and Region (tagged as Image Builder output) and recording it as an image with
// imageSource IMPORTED. The simulated world has no VM Import service: the AMI stands for what
// the import produced (docs/known-differences.md).
import { idFromName } from '../domain/arn.js';
import { imageBuildArn } from '../domain/image-arn.js';
import { assertSemanticVersion } from '../domain/versions.js';
import type { Image } from '../model/generated/types.js';
import type { Ctx } from './handler.js';
import { testPause } from '../testing/pause.js';

export interface ImportRequest {
  name: string;
  semanticVersion: string;
  description?: string;
  platform: 'Windows' | 'Linux' | 'macOS';
  osVersion?: string;
  buildType: 'IMPORT' | 'IMPORT_ISO';
  tags?: Record<string, string>;
  loggingConfiguration?: Image['loggingConfiguration'];
  executionRole?: string;
  infrastructureConfiguration?: Image['infrastructureConfiguration'];
}

/**
 * Registers the AMI and inserts the AVAILABLE image; returns the image build version ARN. The
 * operation's response (`respond`) is recorded with the client token in the inserting
 * transaction, so a retried token after a crash answers this image instead of importing again.
 */
export async function importImage(ctx: Ctx, req: ImportRequest, respond: (arn: string) => unknown): Promise<string> {
  assertSemanticVersion(req.semanticVersion);
  const { images, tags, tx, cloud } = ctx.services;
  const id = idFromName(req.name);
  const build = images.nextBuildNumber(ctx.scope, id, req.semanticVersion);
  const arn = imageBuildArn(ctx.scope, id, req.semanticVersion, build);
  const now = ctx.now();
  // AMI names allow letters, digits and ()[]./-'@_ and spaces only.
  const amiName = `${id}-${req.semanticVersion}-${build}-${now.getTime()}`.replace(/[^a-zA-Z0-9()[\]./'@_ -]/g, '-').slice(0, 128);
  const { imageId } = await cloud.ec2.registerImage(ctx.scope, {
    name: amiName,
    ...(req.description !== undefined ? { description: req.description } : {}),
    platform: req.platform === 'Windows' ? 'Windows' : 'Linux',
    tagSpecifications: [
      {
        resourceType: 'image',
        tags: [
          { key: 'CreatedBy', value: 'EC2 Image Builder' },
          { key: 'Ec2ImageBuilderArn', value: arn },
        ],
      },
    ],
  });
  let finalArn = arn;
  tx(() => {
    const n = images.nextBuildNumber(ctx.scope, id, req.semanticVersion);
    finalArn = imageBuildArn(ctx.scope, id, req.semanticVersion, n);
    images.insert(
      ctx.scope,
      {
        arn: finalArn,
        name: id,
        version: `${req.semanticVersion}/${n}`,
        type: 'AMI',
        platform: req.platform,
        ...(req.osVersion !== undefined ? { osVersion: req.osVersion } : {}),
        state: { status: 'AVAILABLE' },
        outputResources: {
          amis: [
            {
              region: ctx.scope.region,
              image: imageId,
              name: amiName,
              accountId: ctx.scope.accountId,
              ...(req.description !== undefined ? { description: req.description } : {}),
            },
          ],
        },
        buildType: req.buildType,
        imageSource: 'IMPORTED',
        dateCreated: now.toISOString(),
        ...(req.executionRole ? { executionRole: req.executionRole } : {}),
        ...(req.loggingConfiguration ? { loggingConfiguration: req.loggingConfiguration } : {}),
        ...(req.infrastructureConfiguration ? { infrastructureConfiguration: req.infrastructureConfiguration } : {}),
      },
      n,
    );
    if (req.tags && Object.keys(req.tags).length) tags.set(ctx.scope, finalArn, req.tags);
    ctx.commitToken?.(respond(finalArn));
  });
  testPause('import-image-committed');
  return finalArn;
}
