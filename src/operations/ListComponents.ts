// ListComponents: component versions (owner Self, or Amazon's); filters name, platform, type,
// version, supportedOsVersion; `byName` keeps the newest version of each name.
import { compareVersions } from '../domain/versions.js';
import type { Handler } from './handler.js';
import { listPage, passes, readFilters } from './build-resources.js';
import { componentsOf, toComponentVersion, type ComponentRec } from './components.js';

export const ListComponents: Handler<'ListComponents'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['description', 'name', 'platform', 'supportedOsVersion', 'type', 'version']);
  let items: ComponentRec[] = componentsOf(ctx, input.owner).filter((c) =>
    passes(filters, (n) => (n === 'supportedOsVersion' ? c.supportedOsVersions?.[0] : ((c as unknown as Record<string, unknown>)[n] as string | undefined))),
  );
  if (input.byName) {
    const latest = new Map<string, ComponentRec>();
    for (const c of items) {
      const prev = latest.get(c.name!);
      if (!prev || compareVersions(c.version, prev.version) > 0) latest.set(c.name!, c);
    }
    items = [...latest.values()];
  }
  const list = items.map(toComponentVersion);
  const p = listPage(
    ctx,
    list,
    { op: 'ListComponents', f: input.filters ?? null, o: input.owner ?? 'Self', b: !!input.byName },
    input.maxResults,
    input.nextToken,
  );
  return { requestId: ctx.requestId, componentVersionList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
