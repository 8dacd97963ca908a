// EC2 ModifyLaunchTemplate: sets the default version (`SetDefaultVersion` on the wire).
import { WorldError, type WorldHandler } from '../world-call.js';
import { templateId, wireTemplate } from './templates.js';

export const ModifyLaunchTemplate: WorldHandler = async (input, call) => {
  const id = templateId(call, input, 'ModifyLaunchTemplate');
  if (input.DefaultVersion === undefined) throw new WorldError('MissingParameter', 'The request must contain the parameter SetDefaultVersion');
  await call.ports.ec2.modifyLaunchTemplate(call.scope, {
    launchTemplateId: id,
    defaultVersion: input.DefaultVersion as string,
    ...(input.DryRun === true ? { dryRun: true } : {}),
  });
  return { LaunchTemplate: wireTemplate(call.sim.state.launchTemplates.get(id)!) };
};
