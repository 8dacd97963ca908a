// EC2 DeleteLaunchTemplate: deletes one of the caller's templates and all its versions.
import type { WorldHandler } from '../world-call.js';
import { templateId, wireTemplate } from './templates.js';
import { dryRun } from './views.js';

export const DeleteLaunchTemplate: WorldHandler = async (input, call) => {
  const id = templateId(call, input, 'DeleteLaunchTemplate');
  // The port's lookup applies the account, Region and id-format rules.
  await call.ports.ec2.describeLaunchTemplates(call.scope, { launchTemplateIds: [id] });
  dryRun(input);
  const st = call.sim.state;
  const lt = st.launchTemplates.get(id)!;
  st.launchTemplates.delete(id);
  st.repo.delete('launchTemplate', lt.accountId, lt.region, id);
  return { LaunchTemplate: wireTemplate(lt) };
};
