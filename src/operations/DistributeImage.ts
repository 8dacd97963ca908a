// DistributeImage: distributes an existing image (an AMI id, `ssm:` parameter, or Image Builder
// image ARN) with a distribution configuration, without building. Creates a new image build
// version that runs only the distribution phase, and returns its ARN.
import { imageBuildArn } from '../domain/image-arn.js';
import type { Handler } from './handler.js';
import { loadDistributionConfiguration, toDistributionConfiguration } from '../app/distribution-configurations.js';
import { resolveSource } from '../app/image-source.js';
import { planOuTargets } from '../beyond/ou-plan.js';
import { testPause } from '../testing/pause.js';

export const DistributeImage: Handler<'DistributeImage'> = async (input, ctx) => {
  const config = loadDistributionConfiguration(ctx, input.distributionConfigurationArn);
  const { images, tags, tx, distribution } = ctx.services;
  const src = await resolveSource(ctx, input.sourceImage);
  // ibex's OU-following tag (src/beyond): the accounts in those OUs now, resolved before the plan.
  const ouTargets = await planOuTargets(ctx, config.arn);
  const now = ctx.now();
  let arn = '';
  let buildNumber = 0;
  const response = { clientToken: input.clientToken, imageBuildVersionArn: '' };
  // The image, its tags, its run and steps, and the client-token record: one transaction, so a
  // crash leaves all of them or none, and a retried token answers this image (never a second).
  tx(() => {
    buildNumber = images.nextBuildNumber(ctx.scope, src.name, src.version);
    arn = imageBuildArn(ctx.scope, src.name, src.version, buildNumber);
    images.insert(
      ctx.scope,
      {
        arn,
        name: src.name,
        version: `${src.version}/${buildNumber}`,
        type: 'AMI',
        platform: src.platform,
        state: { status: 'PENDING' },
        distributionConfiguration: toDistributionConfiguration(ctx, config),
        outputResources: { amis: [] },
        buildType: 'USER_INITIATED',
        imageSource: 'CUSTOM',
        dateCreated: now.toISOString(),
        executionRole: input.executionRole,
        ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
      },
      buildNumber,
    );
    if (input.tags && Object.keys(input.tags).length) tags.set(ctx.scope, arn, input.tags);
    distribution.start(ctx.scope, arn, {
      ownerAccountId: ctx.scope.accountId,
      imageArn: arn,
      imageName: src.name,
      source: src.ami,
      distributions: config.distributions,
      template: { buildDate: now, buildVersion: buildNumber },
      ...(ouTargets.length ? { ouTargets } : {}),
    });
    response.imageBuildVersionArn = arn;
    testPause('distribute-image');
    ctx.commitToken?.(response);
  });
  testPause('distribute-image-committed');
  return response;
};
