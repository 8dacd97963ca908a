// EC2 ModifyImageAttribute: adds or removes launch permissions (by LaunchPermission, or the
// UserIds/UserGroups/OrganizationArns/OrganizationalUnitArns + OperationType form the CLI sends),
// through the same port the engine shares AMIs with; the description attribute is set directly.
import type { LaunchPermission } from '../../cloud/ports.js';
import { WorldError, type Doc, type WorldHandler } from '../world-call.js';
import { portPermission } from './views.js';

export const ModifyImageAttribute: WorldHandler = async (input, call) => {
  const imageId = input.ImageId as string;
  const lp = input.LaunchPermission as { Add?: Doc[]; Remove?: Doc[] } | undefined;
  const add: LaunchPermission[] = (lp?.Add ?? []).map(portPermission);
  const remove: LaunchPermission[] = (lp?.Remove ?? []).map(portPermission);
  const flat: LaunchPermission[] = [
    ...((input.UserIds as string[] | undefined) ?? []).map((userId) => ({ userId })),
    ...((input.UserGroups as string[] | undefined) ?? []).map((group) => ({ group: group as 'all' })),
    ...((input.OrganizationArns as string[] | undefined) ?? []).map((organizationArn) => ({ organizationArn })),
    ...((input.OrganizationalUnitArns as string[] | undefined) ?? []).map((organizationalUnitArn) => ({ organizationalUnitArn })),
  ];
  if (flat.length) {
    const op = input.OperationType as string | undefined;
    if (op === undefined) throw new WorldError('MissingParameter', 'The request must contain the parameter OperationType');
    (op === 'add' ? add : remove).push(...flat);
  }
  const description =
    (input.Description as { Value?: string } | undefined)?.Value ?? (input.Attribute === 'description' ? (input.Value as string | undefined) : undefined);
  if (!add.length && !remove.length && description === undefined) {
    throw new WorldError(
      'MissingParameter',
      'The request must contain the parameter LaunchPermission, UserId, UserGroup, OrganizationArn, OrganizationalUnitArn or Description',
    );
  }
  if (add.length || remove.length || input.DryRun === true) {
    await call.ports.ec2.modifyImageAttribute(call.scope, { imageId, launchPermission: { add, remove }, ...(input.DryRun === true ? { dryRun: true } : {}) });
  }
  if (description !== undefined) {
    // The owner check is the port's (AuthFailure for another account's AMI).
    await call.ports.ec2.describeImageAttribute(call.scope, { imageId, attribute: 'launchPermission' });
    const rec = call.sim.state.amis.get(imageId)!;
    call.sim.state.putAmi({ ...rec, description });
  }
  return {};
};
