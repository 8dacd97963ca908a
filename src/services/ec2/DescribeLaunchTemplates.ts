// EC2 DescribeLaunchTemplates: the caller's templates in its Region, by id, name or all, with
// the launch-template-name and tag filters, in pages.
import type { WorldHandler } from '../world-call.js';
import { WorldError } from '../world-call.js';
import { wireTemplate } from './templates.js';
import { dryRun, page, portFilters } from './views.js';

export const DescribeLaunchTemplates: WorldHandler = async (input, call) => {
  const { launchTemplates } = await call.ports.ec2.describeLaunchTemplates(call.scope, {
    ...(input.LaunchTemplateIds ? { launchTemplateIds: input.LaunchTemplateIds as string[] } : {}),
    ...(input.LaunchTemplateNames ? { launchTemplateNames: input.LaunchTemplateNames as string[] } : {}),
  });
  dryRun(input);
  const recs = launchTemplates.map((t) => call.sim.state.launchTemplates.get(t.launchTemplateId)!);
  const filters = portFilters(input.Filters);
  const kept = recs.filter((r) =>
    filters.every((f) => {
      if (f.name === 'launch-template-name') return f.values.includes(r.name);
      if (f.name.startsWith('tag:')) return f.values.includes(r.tags[f.name.slice(4)] ?? '\u0000');
      if (f.name === 'tag-key') return f.values.some((k) => k in r.tags);
      throw new WorldError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    }),
  );
  const p = page(kept, input, { min: 1, max: 200 });
  return { LaunchTemplates: p.items.map(wireTemplate), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
