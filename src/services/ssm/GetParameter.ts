// SSM GetParameter: one parameter by name, ARN or `name:version`; public AWS parameters too.
import { WorldError, type WorldHandler } from '../context.js';
import { findParam, wireParam } from './params.js';

export const GetParameter: WorldHandler = async (input, call) => {
  const found = findParam(call, input.Name as string, 'GetParameter');
  if (!found) {
    // The port's lookup gives the not-found error (and applies faults and role rules).
    await call.ports.ssm.getParameter(call.scope, { name: input.Name as string });
    throw new WorldError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
  }
  return { Parameter: wireParam(found.p, found.isPublic, found.selector) };
};
