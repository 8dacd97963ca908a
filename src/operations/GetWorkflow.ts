// GetWorkflow: one workflow build (the caller's or AWS-managed) by build ARN, or the newest build
// of a version ARN (`x` wildcards allowed), with its document, parameters and tags.
import { latestReferences } from '../domain/versions.js';
import { resolveWorkflow, workflowsOf } from '../workflows/catalog.js';
import type { Handler } from './handler.js';

export const GetWorkflow: Handler<'GetWorkflow'> = async (input, ctx) => {
  const w = resolveWorkflow(ctx.services, ctx.scope, input.workflowBuildVersionArn, 'workflowBuildVersionArn');
  const owner = w.owner === 'aws' ? 'Amazon' : 'Self';
  const id = w.arn.split('/')[2];
  const same = workflowsOf(ctx.services, ctx.scope, owner).filter((o) => o.type === w.type && o.arn.split('/')[2] === id);
  return {
    workflow: { ...w, tags: w.tags ?? {} },
    latestVersionReferences: latestReferences(
      same,
      (o) => `${o.version}/${o.arn.split('/').pop()}`,
      (o) => o.arn,
      w.version,
    ),
  };
};
