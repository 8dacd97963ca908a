// EC2 DescribeLaunchTemplateVersions: versions of one of the caller's templates — listed
// ($Latest, $Default, numbers), within Min/MaxVersion, or all — in pages.
import type { WorldHandler } from '../world-call.js';
import { templateId, wireVersion } from './templates.js';
import { dryRun, page } from './views.js';

export const DescribeLaunchTemplateVersions: WorldHandler = async (input, call) => {
  const id = templateId(call, input, 'DescribeLaunchTemplateVersions');
  const versions = input.Versions as string[] | undefined;
  const { launchTemplateVersions } = await call.ports.ec2.describeLaunchTemplateVersions(call.scope, {
    launchTemplateId: id,
    ...(versions?.length ? { versions } : {}),
  });
  dryRun(input);
  const lt = call.sim.state.launchTemplates.get(id)!;
  const min = input.MinVersion !== undefined ? Number(input.MinVersion) : -Infinity;
  const max = input.MaxVersion !== undefined ? Number(input.MaxVersion) : Infinity;
  const kept = launchTemplateVersions.filter((v) => v.versionNumber >= min && v.versionNumber <= max);
  const p = page(kept, input, { min: 1, max: 200 });
  return {
    LaunchTemplateVersions: p.items.map((v) =>
      wireVersion(
        lt,
        lt.versions.find((x) => x.versionNumber === v.versionNumber)!,
      ),
    ),
    ...(p.NextToken ? { NextToken: p.NextToken } : {}),
  };
};
