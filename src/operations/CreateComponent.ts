// CreateComponent: a new component version (build node 1) from an inline YAML document (`data`) or
// an S3 `uri`; the document must parse, and its phases decide the type (TEST when it only tests).
import { parse } from 'yaml';
import { DryRunOperationException, InvalidParameterCombinationException, InvalidParameterValueException } from '../model/generated/errors.js';
import type { Component } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import { createVersion } from './recipes.js';
import { compact } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

function componentType(data: string | undefined): 'BUILD' | 'TEST' {
  if (data === undefined) return 'BUILD';
  let doc: unknown;
  try {
    doc = parse(data);
  } catch (e) {
    throw new InvalidParameterValueException(invalidParameter('data', `The document is not valid YAML: ${(e as Error).message.split('\n')[0]}`));
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as { phases?: unknown }).phases)) {
    throw new InvalidParameterValueException(invalidParameter('data', "The document must be a YAML map with a 'phases' list."));
  }
  const names = (doc as { phases: { name?: unknown }[] }).phases.map((p) => p?.name);
  return names.length > 0 && names.every((n) => n === 'test') ? 'TEST' : 'BUILD';
}

export const CreateComponent: Handler<'CreateComponent'> = async (input, ctx) => {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new InvalidParameterCombinationException(invalidParameter('data', 'Specify exactly one of data and uri.'));
  }
  const type = componentType(input.data);
  if (input.dryRun) throw new DryRunOperationException('The dry run operation succeeded: the component is valid.');
  const respond = (arn: string, latestVersionReferences: LatestVersionReferences) => ({
    requestId: ctx.requestId,
    clientToken: input.clientToken,
    componentBuildVersionArn: arn,
    latestVersionReferences,
  });
  const { arn, latestVersionReferences } = createVersion<Component>(
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
        type,
        platform: input.platform,
        supportedOsVersions: input.supportedOsVersions,
        state: { status: 'ACTIVE' as const },
        owner: ctx.scope.accountId,
        data: input.data ?? `# from ${input.uri}`,
        kmsKeyId: input.kmsKeyId,
        encrypted: true,
        dateCreated,
      }),
    input.tags,
    1,
    respond,
  );
  return respond(arn, latestVersionReferences);
};
