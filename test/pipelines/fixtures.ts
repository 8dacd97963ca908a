// Test fixtures for builds and pipelines: the engine test world plus an Amazon-managed account
// with Linux and Windows parents and an ECR repository in the build Region, and SDK helpers
// that create a recipe, an infrastructure configuration and a distribution configuration.
import {
  CreateDistributionConfigurationCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import type { WorldSpec } from '../../src/world/index.js';
import { OWNER, testWorld } from '../helpers/world.js';

export const AMAZON = '137112412989';
export const LINUX_PARENT = 'ami-0a1a1a1a1a1a1a1a1';
export const WINDOWS_PARENT = 'ami-0b2b2b2b2b2b2b2b2';
export const amazonImageArn = (region: string, name: string, version = 'x.x.x') => `arn:aws:imagebuilder:${region}:aws:image/${name}/${version}`;

/** testWorld() with Amazon-managed parents in us-east-1 and an ECR repository there. */
export function buildWorld(): WorldSpec {
  const w = testWorld();
  w.accounts!.find((a) => a.id === OWNER)!.ecrRepositories!.push({ region: 'us-east-1', repositoryName: 'web-app' });
  w.accounts!.push({
    id: AMAZON,
    name: 'amazon',
    amazonManaged: true,
    images: [
      { region: 'us-east-1', imageId: LINUX_PARENT, name: 'al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64', platform: 'Linux', public: true },
      { region: 'us-east-1', imageId: WINDOWS_PARENT, name: 'Windows_Server-2022-English-Full-Base-2025.01.15', platform: 'Windows', public: true },
    ],
  });
  return w;
}

/** Creates recipe `name` 1.0.0 on the Amazon Linux parent, an infrastructure configuration and (optionally) a distribution configuration. */
export async function buildInputs(client: ImagebuilderClient, name: string, distributions?: unknown[]) {
  const recipe = await client.send(
    new CreateImageRecipeCommand({
      name,
      semanticVersion: '1.0.0',
      description: `${name} recipe`,
      parentImage: amazonImageArn('us-east-1', 'al2023-ami'),
      components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
    }),
  );
  const infra = await client.send(
    new CreateInfrastructureConfigurationCommand({ name: `${name}-infra`, instanceProfileName: 'EC2InstanceProfileForImageBuilder' }),
  );
  const dist = distributions
    ? await client.send(new CreateDistributionConfigurationCommand({ name: `${name}-dist`, distributions: distributions as never }))
    : undefined;
  return {
    imageRecipeArn: recipe.imageRecipeArn!,
    infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
    ...(dist ? { distributionConfigurationArn: dist.distributionConfigurationArn! } : {}),
  };
}
