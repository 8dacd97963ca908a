// ListDistributionConfigurations: summaries (with regions) ordered by ARN id, filtered by exact
// name, paged with a signed opaque nextToken.
import { InvalidPaginationTokenException, InvalidParameterValueException } from '../model/generated/errors.js';
import type { DistributionConfigurationSummary } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const FILTERS = ['name'];
const DEFAULT_MAX_RESULTS = 25;

export const ListDistributionConfigurations: Handler<'ListDistributionConfigurations'> = async (input, ctx) => {
  let names: string[] | undefined;
  for (const [i, f] of (input.filters ?? []).entries()) {
    if (!f.name || !FILTERS.includes(f.name)) {
      throw new InvalidParameterValueException(invalidParameter(`filters[${i}].name`, `Supported filter names: ${FILTERS.join(', ')}.`));
    }
    // Several 'name' filters narrow to the names they all allow.
    const values = f.values ?? [];
    names = names ? names.filter((n) => values.includes(n)) : [...values];
  }
  const query = { names: names ?? null };
  let afterId: string | undefined;
  if (input.nextToken !== undefined) {
    afterId = ctx.services.pagination.decode(query, input.nextToken);
    if (afterId === undefined) throw new InvalidPaginationTokenException('The nextToken provided is not valid.');
  }
  const limit = input.maxResults ?? DEFAULT_MAX_RESULTS;
  const rows = ctx.services.distributionConfigurations.list(ctx.scope, {
    ...(names ? { names } : {}),
    ...(afterId !== undefined ? { afterId } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  // One tag query for the whole page rather than one per row.
  const tags = ctx.services.tags.getMany(
    ctx.scope,
    page.map((rec) => rec.arn),
  );
  const list: DistributionConfigurationSummary[] = page.map((rec) => ({
    arn: rec.arn,
    name: rec.name,
    ...(rec.description !== undefined ? { description: rec.description } : {}),
    dateCreated: rec.dateCreated,
    ...(rec.dateUpdated !== undefined ? { dateUpdated: rec.dateUpdated } : {}),
    tags: tags.get(rec.arn) ?? {},
    regions: rec.distributions.map((d) => d.region),
  }));
  return {
    requestId: ctx.requestId,
    distributionConfigurationSummaryList: list,
    ...(rows.length > limit ? { nextToken: ctx.services.pagination.encode(query, page[page.length - 1]!.id) } : {}),
  };
};
