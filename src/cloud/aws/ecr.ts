// The ECR port over the AWS SDK. Copying a container image to another Region or account is
// PutImage of the source manifest into the destination repository (the engine has the manifest);
// lifecycle DELETE removes container images with BatchDeleteImage.
import { BatchDeleteImageCommand, DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import type { CloudScope, EcrPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

export function awsEcr(clients: AwsClients): EcrPort {
  const send = <T>(scope: CloudScope, f: (c: ECRClient) => Promise<T>): Promise<T> =>
    call('ecr', async () => f(await clients.get('ecr', scope, (c) => new ECRClient(c))));
  return {
    async describeRepositories(scope, input) {
      const out = await send(scope, (c) =>
        c.send(new DescribeRepositoriesCommand({ ...(input.repositoryNames ? { repositoryNames: input.repositoryNames } : {}) })),
      );
      return {
        repositories: (out.repositories ?? []).map((r) => ({
          repositoryName: r.repositoryName ?? '',
          repositoryArn: r.repositoryArn ?? '',
          registryId: r.registryId ?? '',
          repositoryUri: r.repositoryUri ?? '',
        })),
      };
    },
    async putImage(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new PutImageCommand({
            repositoryName: input.repositoryName,
            imageManifest: input.imageManifest,
            ...(input.imageTag !== undefined ? { imageTag: input.imageTag } : {}),
          }),
        ),
      );
      const img = out.image ?? {};
      return {
        image: {
          registryId: img.registryId ?? '',
          repositoryName: img.repositoryName ?? input.repositoryName,
          imageId: { imageDigest: img.imageId?.imageDigest ?? '', ...(img.imageId?.imageTag ? { imageTag: img.imageId.imageTag } : {}) },
        },
      };
    },
    async describeImages(scope, input) {
      const out = await send(scope, (c) =>
        c.send(new DescribeImagesCommand({ repositoryName: input.repositoryName, ...(input.imageIds ? { imageIds: input.imageIds } : {}) })),
      );
      return {
        imageDetails: (out.imageDetails ?? []).map((d) => ({
          registryId: d.registryId ?? '',
          repositoryName: d.repositoryName ?? input.repositoryName,
          imageDigest: d.imageDigest ?? '',
          imageTags: d.imageTags ?? [],
          imagePushedAt: d.imagePushedAt ? d.imagePushedAt.toISOString() : '',
        })),
      };
    },
    async batchDeleteImage(scope, input) {
      const out = await send(scope, (c) => c.send(new BatchDeleteImageCommand({ repositoryName: input.repositoryName, imageIds: input.imageIds })));
      const id = (i: { imageDigest?: string; imageTag?: string } | undefined) => ({
        ...(i?.imageDigest ? { imageDigest: i.imageDigest } : {}),
        ...(i?.imageTag ? { imageTag: i.imageTag } : {}),
      });
      return {
        imageIds: (out.imageIds ?? []).map(id),
        failures: (out.failures ?? []).map((f) => ({
          imageId: id(f.imageId),
          failureCode: f.failureCode ?? 'UnknownFailure',
          failureReason: f.failureReason ?? '',
        })),
      };
    },
  };
}
