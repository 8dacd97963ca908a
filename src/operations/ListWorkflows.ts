// ListWorkflows: workflow versions of the caller (owner Self, the default) or AWS's (Amazon);
// Shared and ThirdParty are refused for workflows, AWSMarketplace lists nothing. Filters name,
// version, description, type; `byName` keeps the newest version of each name and cannot be
// combined with a version filter.
import { compareVersions } from '../domain/versions.js';
import { InvalidParameterCombinationException, InvalidParameterValueException } from '../model/generated/errors.js';
import type { WorkflowVersion } from '../model/generated/types.js';
import { toWorkflowVersion, workflowVersionArn, workflowsOf, type WorkflowRec } from '../workflows/catalog.js';
import type { Handler } from './handler.js';
import { listPage, passes, readFilters } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const ListWorkflows: Handler<'ListWorkflows'> = async (input, ctx) => {
  const owner = input.owner ?? 'Self';
  if (owner === 'Shared' || owner === 'ThirdParty') {
    throw new InvalidParameterValueException(invalidParameter('owner', `Workflows cannot be listed with owner '${owner}'.`));
  }
  const filters = readFilters(input.filters, ['description', 'name', 'type', 'version']);
  if (input.byName && filters.has('version')) {
    throw new InvalidParameterCombinationException(invalidParameter('byName', 'byName cannot be combined with a version filter.'));
  }
  const all: WorkflowRec[] = owner === 'AWSMarketplace' ? [] : workflowsOf(ctx.services, ctx.scope, owner === 'Amazon' ? 'Amazon' : 'Self');
  // One entry per version: the version's newest build.
  const versions = new Map<string, WorkflowRec>();
  for (const w of all) {
    const k = workflowVersionArn(w.arn);
    const prev = versions.get(k);
    if (!prev || compareVersions(w.arn.split('/').pop()!, prev.arn.split('/').pop()!) > 0) versions.set(k, w);
  }
  let items = [...versions.values()].filter((w) => passes(filters, (n) => (w as unknown as Record<string, string | undefined>)[n]));
  if (input.byName) {
    const latest = new Map<string, WorkflowRec>();
    for (const w of items) {
      const k = `${w.type}/${w.arn.split('/')[2]}`;
      const prev = latest.get(k);
      if (!prev || compareVersions(w.version, prev.version) > 0) latest.set(k, w);
    }
    items = [...latest.values()];
  }
  const list: WorkflowVersion[] = items.map(toWorkflowVersion);
  const p = listPage(ctx, list, { op: 'ListWorkflows', f: input.filters ?? null, o: owner, b: !!input.byName }, input.maxResults, input.nextToken);
  return { workflowVersionList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
