// DeleteWorkflow: removes one workflow build of the caller and its tags. A pipeline that names it
// (by build ARN or by a version ARN, wildcards included, that resolves to it) blocks the delete
// with ResourceDependencyException, and so does an image whose workflow execution has not ended.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { parseWorkflowArn } from '../workflows/catalog.js';
import { notFound } from '../domain/arn-arguments.js';
import type { Handler } from './handler.js';
import { dependencyError, pipelinesOf, refersTo } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const DeleteWorkflow: Handler<'DeleteWorkflow'> = async (input, ctx) => {
  const arn = input.workflowBuildVersionArn;
  const p = parseWorkflowArn(ctx.scope, arn, 'workflowBuildVersionArn');
  if (p.owner === 'Amazon') {
    throw new InvalidParameterValueException(invalidParameter('workflowBuildVersionArn', 'AWS-managed workflows cannot be deleted.'));
  }
  const { resources } = ctx.services.build;
  if (!resources.get(ctx.scope, arn)) throw notFound(arn);
  if (pipelinesOf(ctx).some((pl) => (pl.workflows ?? []).some((w) => refersTo(w.workflowArn, arn)))) throw dependencyError(arn);
  if (ctx.services.workflows.store.unfinishedOf(ctx.scope, arn)) throw dependencyError(arn);
  ctx.services.tx(() => {
    resources.delete(ctx.scope, arn);
    ctx.services.tags.delete(ctx.scope, arn);
  });
  return { workflowBuildVersionArn: arn };
};
