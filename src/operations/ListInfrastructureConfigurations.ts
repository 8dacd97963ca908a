// ListInfrastructureConfigurations: summaries of the caller's infrastructure configurations; filter `name`.
import type { InfrastructureConfiguration, InfrastructureConfigurationSummary } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { compact, listPage, passes, readFilters } from './build-resources.js';

export const ListInfrastructureConfigurations: Handler<'ListInfrastructureConfigurations'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name']);
  const items: InfrastructureConfigurationSummary[] = ctx.services.build.resources
    .list<InfrastructureConfiguration>(ctx.scope, 'infrastructure-configuration')
    .filter((r) => passes(filters, () => r.body.name))
    .map((r) =>
      compact({
        arn: r.arn,
        name: r.body.name,
        description: r.body.description,
        dateCreated: r.body.dateCreated,
        dateUpdated: r.body.dateUpdated,
        resourceTags: r.body.resourceTags,
        tags: ctx.services.tags.get(ctx.scope, r.arn),
        instanceTypes: r.body.instanceTypes,
        instanceProfileName: r.body.instanceProfileName,
        placement: r.body.placement,
      }),
    );
  const p = listPage(ctx, items, { op: 'ListInfrastructureConfigurations', f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, infrastructureConfigurationSummaryList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
