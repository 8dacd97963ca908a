// EC2 CreateLaunchTemplate: a template (version 1) in the caller's account and Region. Names
// are unique per account and Region. Version 1 keeps the whole LaunchTemplateData.
import { enter, hexId } from '../../cloud/simulated/sim.js';
import type { LaunchTemplateRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldHandler } from '../world-call.js';
import { storedTemplateData } from './launch-template-data.js';
import { wireTemplate } from './templates.js';
import { dryRun } from './views.js';

export const CreateLaunchTemplate: WorldHandler = async (input, call) => {
  const ctx = enter(call.sim, 'ec2', 'CreateLaunchTemplate', call.scope);
  const name = input.LaunchTemplateName as string;
  const st = call.sim.state;
  if ([...st.launchTemplates.values()].some((t) => t.accountId === ctx.accountId && t.region === ctx.region && t.name === name)) {
    throw new WorldError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
  }
  const data = input.LaunchTemplateData as Doc;
  const imageId = data.ImageId as string | undefined;
  if (imageId !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(imageId) && !imageId.startsWith('resolve:ssm:')) {
    throw new WorldError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  }
  const tags: Record<string, string> = {};
  for (const s of (input.TagSpecifications as { ResourceType?: string; Tags?: { Key: string; Value: string }[] }[] | undefined) ?? []) {
    if (s.ResourceType !== 'launch-template')
      throw new WorldError('InvalidParameterValue', `'${s.ResourceType}' is not a valid taggable resource type for this operation.`);
    for (const t of s.Tags ?? []) tags[t.Key] = t.Value;
  }
  dryRun(input);
  const stored = storedTemplateData(data);
  const now = call.sim.clock.now();
  const rec: LaunchTemplateRec = {
    accountId: ctx.accountId,
    region: ctx.region,
    launchTemplateId: hexId('lt-'),
    name,
    defaultVersion: 1,
    latestVersion: 1,
    versions: [
      {
        versionNumber: 1,
        ...(imageId ? { imageId } : {}),
        ...(Object.keys(stored).length ? { data: stored } : {}),
        ...(input.VersionDescription !== undefined ? { description: input.VersionDescription as string } : {}),
        createdAt: now,
      },
    ],
    tags,
    createdAt: now,
  };
  st.putLaunchTemplate(rec);
  return { LaunchTemplate: wireTemplate(rec) };
};
