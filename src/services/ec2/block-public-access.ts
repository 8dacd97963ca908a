// Turns block public access for AMIs on or off for the caller's account in its Region, in the
// account record the sharing rules read. AWS applies the change asynchronously (up to 10
// minutes); ibex applies it at once (docs/known-differences.md).
import { enter } from '../../cloud/simulated/sim.js';
import type { WorldCall } from '../world-call.js';

export function setBlockPublicAccess(call: WorldCall, operation: string, on: boolean): void {
  const ctx = enter(call.sim, 'ec2', operation, call.scope);
  const st = call.sim.state;
  const acct = st.accounts.get(ctx.accountId) ?? {
    accountId: ctx.accountId,
    name: ctx.accountId,
    disabledRegions: [],
    imageBlockPublicAccess: [],
    amazonManaged: false,
    roles: [],
  };
  const regions = acct.imageBlockPublicAccess.filter((r) => r !== ctx.region);
  st.putAccount({ ...acct, imageBlockPublicAccess: on ? [...regions, ctx.region] : regions });
}
