// Organizations ListChildren: the accounts or OUs directly under a root or OU, in pages (the port
// OU-following targets walk the tree with, so `--cloud aws` against ibex follows OUs too).
import type { WorldHandler } from '../world-call.js';
import { orgPage } from './tree.js';

export const ListChildren: WorldHandler = async (input, call) => {
  const { children } = await call.ports.organizations.listChildren(call.scope, {
    parentId: input.ParentId as string,
    childType: input.ChildType as 'ACCOUNT' | 'ORGANIZATIONAL_UNIT',
  });
  const p = orgPage(children, input);
  return { Children: p.items.map((c) => ({ Id: c.id, Type: c.type })), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
