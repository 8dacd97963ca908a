// CreateWorkflow: a workflow build from a YAML document given inline (`data`) or as an S3 object
// (`uri`, read as the caller), validated for the workflow's type. The same name and version with
// a different document is a new build (`/2`, `/3`, …); the same document again already exists.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import { assertSemanticVersion, latestReferences } from '../domain/versions.js';
import { CloudError } from '../cloud/ports.js';
import { DryRunOperationException, InvalidParameterCombinationException, InvalidParameterValueException } from '../model/generated/errors.js';
import type { WorkflowParameterDetail } from '../model/generated/types.js';
import { parseWorkflowDocument, type WorkflowDocument } from '../workflows/document.js';
import type { WorkflowRec } from '../workflows/catalog.js';
import type { Ctx, Handler } from './handler.js';
import { alreadyExists } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Largest document (characters), as the model bounds inline data. */
const MAX_DATA = 16_000;

async function documentText(ctx: Ctx, input: { data?: string; uri?: string }): Promise<string> {
  if (input.data !== undefined) return input.data;
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(input.uri!);
  if (!m) throw new InvalidParameterValueException(invalidParameter('uri', `'${input.uri}' is not an S3 URI (s3://<bucket>/<key>).`));
  let body: string;
  try {
    body = (await ctx.services.cloud.s3.getObject(ctx.scope, { bucket: m[1]!, key: m[2]! })).body;
  } catch (e) {
    if (e instanceof CloudError && !e.retryable) {
      throw new InvalidParameterValueException(invalidParameter('uri', `The object '${input.uri}' cannot be read: ${e.code}: ${e.message}`));
    }
    throw e;
  }
  if (body.length === 0 || body.length > MAX_DATA) {
    throw new InvalidParameterValueException(invalidParameter('uri', `The document at '${input.uri}' must have 1 to ${MAX_DATA} characters.`));
  }
  return body;
}

/** The parameters GetWorkflow reports, taken from the document (defaults as string lists). */
export function parameterDetails(doc: WorkflowDocument): WorkflowParameterDetail[] {
  return doc.parameters.map((p) => ({
    name: p.name,
    type: p.type,
    ...(p.default !== undefined ? { defaultValue: Array.isArray(p.default) ? p.default.map(String) : [String(p.default)] } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
  }));
}

export const CreateWorkflow: Handler<'CreateWorkflow'> = async (input, ctx) => {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new InvalidParameterCombinationException(invalidParameter('data', 'Specify exactly one of data and uri.'));
  }
  assertSemanticVersion(input.semanticVersion);
  const data = await documentText(ctx, input);
  const doc = parseWorkflowDocument(data, input.type);
  if (input.dryRun) throw new DryRunOperationException('The dry run operation succeeded: the workflow is valid.');
  const id = `${input.type.toLowerCase()}/${idFromName(input.name)}`;
  const versionArn = imagebuilderArn(ctx.scope, 'workflow', `${id}/${input.semanticVersion}`);
  const { resources } = ctx.services.build;
  let arn = '';
  ctx.services.tx(() => {
    const builds = resources.versionsOf<WorkflowRec>(ctx.scope, 'workflow', id).filter((r) => r.version === input.semanticVersion);
    const latest = builds.sort((a, b) => a.buildNumber - b.buildNumber).at(-1);
    if (latest && latest.body.data === data) throw alreadyExists('Workflow', latest.arn);
    const n = (latest?.buildNumber ?? 0) + 1;
    arn = `${versionArn}/${n}`;
    const dateCreated = ctx.now().toISOString();
    const body: WorkflowRec = {
      arn,
      name: input.name,
      version: input.semanticVersion,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.changeDescription !== undefined ? { changeDescription: input.changeDescription } : {}),
      type: input.type,
      owner: ctx.scope.accountId,
      data,
      ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
      dateCreated,
      parameters: parameterDetails(doc),
    };
    resources.insert(ctx.scope, 'workflow', { arn, id, version: input.semanticVersion, buildNumber: n, body, dateCreated });
    if (input.tags && Object.keys(input.tags).length) ctx.services.tags.set(ctx.scope, arn, input.tags);
  });
  const all = resources.versionsOf<WorkflowRec>(ctx.scope, 'workflow', id);
  const latestVersionReferences = latestReferences(
    all,
    (r) => `${r.version}/${r.buildNumber}`,
    (r) => r.arn,
    input.semanticVersion,
  );
  return { clientToken: input.clientToken, workflowBuildVersionArn: arn, latestVersionReferences };
};
