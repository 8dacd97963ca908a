// ListLifecyclePolicies: the caller's policies, filtered by Name and Status (exact values).
import type { Handler } from './handler.js';
import { listPage, passes, readFilters } from './build-resources.js';
import { toSummary } from './lifecycle-policies.js';

export const ListLifecyclePolicies: Handler<'ListLifecyclePolicies'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name', 'status', 'Name', 'Status']);
  const norm = new Map([...filters].map(([k, v]) => [k.toLowerCase(), v]));
  const all = ctx.services.lifecycle.store
    .listPolicies(ctx.scope)
    .filter((p) => passes(norm, (n) => (n === 'name' ? p.name : n === 'status' ? p.status : undefined)))
    .map((p) => toSummary(ctx, p));
  const pg = listPage(ctx, all, { op: 'ListLifecyclePolicies', f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { lifecyclePolicySummaryList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
