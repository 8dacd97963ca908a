// SSM DeleteParameter: deletes one of the caller's parameters.
import { WorldError, type WorldHandler } from '../world-call.js';
import { readableParams } from './params.js';

export const DeleteParameter: WorldHandler = async (input, call) => {
  const { ctx, own } = readableParams(call, 'DeleteParameter');
  const p = own.find((x) => x.name === input.Name);
  if (!p) throw new WorldError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
  const st = call.sim.state;
  st.params.delete(`${ctx.accountId}|${ctx.region}|${p.name}`);
  st.repo.delete('ssmParameter', ctx.accountId, ctx.region, p.name);
  return {};
};
