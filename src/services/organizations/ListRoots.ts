// Organizations ListRoots: the organization's one root (management account only).
import type { WorldHandler } from '../world-call.js';
import { managedOrg, orgsEnter, rootIdOf } from './tree.js';

export const ListRoots: WorldHandler = async (_input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'ListRoots'));
  const id = rootIdOf(org);
  return { Roots: [{ Id: id, Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${id}`, Name: 'Root', PolicyTypes: [] }] };
};
