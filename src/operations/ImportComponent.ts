// ImportComponent: turns a shell script (`data`, or an object in the world's S3 named by `uri`)
// into a component version whose document runs it with ExecuteBash in the build or test phase.
import { stringify } from 'yaml';
import { InvalidParameterCombinationException } from '../model/generated/errors.js';
import type { Component } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { compact } from './build-resources.js';
import { createVersion } from './recipes.js';
import { assertS3Object } from './s3-objects.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const ImportComponent: Handler<'ImportComponent'> = async (input, ctx) => {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new InvalidParameterCombinationException(invalidParameter('data', 'Specify exactly one of data and uri.'));
  }
  if (input.uri !== undefined) await assertS3Object(ctx, input.uri, 'uri');
  const script = input.data ?? `# imported from ${input.uri}`;
  const document = stringify({
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    schemaVersion: 1.0,
    phases: [
      {
        name: input.type === 'TEST' ? 'test' : 'build',
        steps: [{ name: 'ImportedScript', action: input.platform === 'Windows' ? 'ExecutePowerShell' : 'ExecuteBash', inputs: { commands: [script] } }],
      },
    ],
  });
  const { arn } = createVersion<Component>(
    ctx,
    'component',
    input.name,
    input.semanticVersion,
    (arn, dateCreated) =>
      compact({
        arn,
        name: input.name,
        version: input.semanticVersion,
        description: input.description,
        changeDescription: input.changeDescription,
        type: input.type,
        platform: input.platform,
        state: { status: 'ACTIVE' as const },
        owner: ctx.scope.accountId,
        data: document,
        kmsKeyId: input.kmsKeyId,
        encrypted: true,
        dateCreated,
      }),
    input.tags,
    1,
  );
  return { requestId: ctx.requestId, clientToken: input.clientToken, componentBuildVersionArn: arn };
};
