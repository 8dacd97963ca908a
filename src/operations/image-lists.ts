// Helpers shared by ListImages, ListImageBuildVersions and ListImagePipelineImages: the caller's
// and Amazon's images as ImageVersion and ImageSummary records.
import type { Image, ImageSummary, ImageVersion } from '../model/generated/types.js';
import type { AmazonImage } from '../pipelines/amazon.js';
import { compact } from './build-resources.js';
import type { Ctx } from './handler.js';

/** `…/x.y.z/n` → `…/x.y.z`. */
export const imageVersionArn = (buildArn: string): string => buildArn.replace(/\/\d+$/, '');

export function toImageSummary(ctx: Ctx, i: Image & { arn: string }): ImageSummary {
  return compact({
    arn: i.arn,
    name: i.name,
    type: i.type,
    version: i.version,
    platform: i.platform,
    osVersion: i.osVersion,
    state: i.state,
    owner: ctx.scope.accountId,
    dateCreated: i.dateCreated,
    outputResources: i.outputResources,
    tags: ctx.services.tags.get(ctx.scope, i.arn),
    buildType: i.buildType,
    imageSource: i.imageSource,
    deprecationTime: i.deprecationTime,
    lifecycleExecutionId: i.lifecycleExecutionId,
    loggingConfiguration: i.loggingConfiguration,
  });
}

export function ownImageVersion(ctx: Ctx, i: Image & { arn: string }): ImageVersion {
  return compact({
    arn: imageVersionArn(i.arn),
    name: i.name,
    type: i.type,
    version: (i.version ?? '').split('/')[0],
    platform: i.platform,
    osVersion: i.osVersion,
    owner: ctx.scope.accountId,
    dateCreated: i.dateCreated,
    buildType: i.buildType,
    imageSource: i.imageSource,
  });
}

export function amazonImageVersion(a: AmazonImage): ImageVersion {
  return {
    arn: a.versionArn,
    name: a.name,
    type: a.type,
    version: a.version,
    platform: a.platform,
    osVersion: a.osVersion,
    owner: 'Amazon',
    dateCreated: a.dateCreated,
    buildType: 'USER_INITIATED',
    imageSource: 'AMAZON_MANAGED',
  };
}

export function amazonImageSummary(a: AmazonImage): ImageSummary {
  return {
    ...amazonImageVersion(a),
    arn: a.arn,
    version: `${a.version}/1`,
    state: { status: 'AVAILABLE' },
    outputResources: a.amiId
      ? { amis: [{ region: a.arn.split(':')[3]!, image: a.amiId, name: a.amiName ?? a.name, ...(a.amiOwnerId ? { accountId: a.amiOwnerId } : {}) }] }
      : {},
    tags: {},
  };
}

/** An Amazon-managed image version as GetImage shows it (its one build, AVAILABLE). */
export function amazonImageRecord(a: AmazonImage): Image & { arn: string } {
  const s = amazonImageSummary(a);
  return compact({
    arn: a.arn,
    type: a.type,
    name: a.name,
    version: s.version,
    platform: a.platform,
    osVersion: a.osVersion,
    state: { status: 'AVAILABLE' as const },
    dateCreated: a.dateCreated,
    outputResources: s.outputResources,
    buildType: 'USER_INITIATED' as const,
    imageSource: 'AMAZON_MANAGED' as const,
    tags: {},
  }) as Image & { arn: string };
}
