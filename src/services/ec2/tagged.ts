// The taggable resources of the caller's account and Region (AMIs and launch templates), for
// DeleteTags and DescribeTags, read and written in the world state the engine uses.
import { enter } from '../../cloud/simulated/sim.js';
import { WorldError, type WorldCall } from '../world-call.js';

/** A taggable resource: its id, type and tags, and how to store new tags. */
export interface Tagged {
  id: string;
  type: 'image' | 'launch-template';
  tags: Record<string, string>;
  save(tags: Record<string, string>): void;
}

/** Every tagged resource the caller owns in its Region. */
export function ownedTagged(call: WorldCall, operation: string): Tagged[] {
  const ctx = enter(call.sim, 'ec2', operation, call.scope);
  const st = call.sim.state;
  const out: Tagged[] = [];
  for (const id of st.ownedAmiIds(ctx.accountId, ctx.region)) {
    const rec = st.amis.get(id)!;
    if (rec.deregisteredAt !== undefined) continue;
    out.push({ id, type: 'image', tags: rec.tags, save: (tags) => st.putAmi({ ...st.amis.get(id)!, tags }) });
  }
  for (const lt of st.launchTemplates.values()) {
    if (lt.accountId !== ctx.accountId || lt.region !== ctx.region) continue;
    out.push({
      id: lt.launchTemplateId,
      type: 'launch-template',
      tags: lt.tags,
      save: (tags) => st.putLaunchTemplate({ ...st.launchTemplates.get(lt.launchTemplateId)!, tags }),
    });
  }
  return out;
}

/** The owned resource with this id, else EC2's not-found error for its kind. */
export function taggedById(all: Tagged[], id: string): Tagged {
  const t = all.find((x) => x.id === id);
  if (t) return t;
  if (id.startsWith('ami-')) throw new WorldError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  if (id.startsWith('lt-')) throw new WorldError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
  throw new WorldError('InvalidID', `The ID '${id}' is not valid (ibex tags AMIs and launch templates).`);
}
