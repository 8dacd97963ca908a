// EC2 DescribeTags: the tags of the caller's AMIs and launch templates, filtered by resource-id,
// resource-type, key, value and tag:<key> (with * and ? wildcards), in pages.
import { WorldError, type WorldHandler } from '../world-call.js';
import { ownedTagged } from './tagged.js';
import { dryRun, page, portFilters } from './views.js';

const wildcard = (p: string): RegExp =>
  new RegExp(
    `^${p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

export const DescribeTags: WorldHandler = async (input, call) => {
  const rows = ownedTagged(call, 'DescribeTags').flatMap((t) =>
    Object.entries(t.tags).map(([Key, Value]) => ({ ResourceId: t.id, ResourceType: t.type, Key, Value })),
  );
  const filters = portFilters(input.Filters);
  const match = (vals: string[], v: string): boolean => vals.some((p) => wildcard(p).test(v));
  const kept = rows.filter((r) =>
    filters.every((f) => {
      if (f.name === 'resource-id') return match(f.values, r.ResourceId);
      if (f.name === 'resource-type') return match(f.values, r.ResourceType);
      if (f.name === 'key') return match(f.values, r.Key);
      if (f.name === 'value') return match(f.values, r.Value);
      if (f.name.startsWith('tag:')) return r.Key === f.name.slice(4) && match(f.values, r.Value);
      throw new WorldError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    }),
  );
  dryRun(input);
  kept.sort((a, b) => (a.ResourceId + a.Key < b.ResourceId + b.Key ? -1 : 1));
  const p = page(kept, input, { min: 5, max: 1000 });
  return { Tags: p.items, ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
