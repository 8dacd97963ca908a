// Organizations ListParents: the one parent of an account or OU (the port the engine uses).
import type { WorldHandler } from '../world-call.js';

export const ListParents: WorldHandler = async (input, call) => {
  const { parents } = await call.ports.organizations.listParents(call.scope, { childId: input.ChildId as string });
  return { Parents: parents.map((p) => ({ Id: p.id, Type: p.type })) };
};
