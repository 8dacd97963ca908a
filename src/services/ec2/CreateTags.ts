// EC2 CreateTags: adds or overwrites tags on AMIs and launch templates the caller owns.
import type { WorldHandler } from '../world-call.js';
import { dryRun, portTags } from './views.js';

export const CreateTags: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.createTags(call.scope, { resources: input.Resources as string[], tags: portTags(input.Tags) });
  return { Return: true };
};
