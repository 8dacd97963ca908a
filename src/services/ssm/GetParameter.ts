// SSM GetParameter: one parameter by name, ARN, `name:version` or `name:label`; public AWS
// parameters too. SecureString values are decrypted only with WithDecryption.
import { WorldError, type WorldHandler } from '../world-call.js';
import { findParam, wireParam } from './params.js';

export const GetParameter: WorldHandler = async (input, call) => {
  const found = findParam(call, input.Name as string, 'GetParameter');
  if (!found) {
    // The port's lookup gives the not-found error (and applies faults and role rules).
    await call.ports.ssm.getParameter(call.scope, { name: input.Name as string });
    throw new WorldError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
  }
  return { Parameter: wireParam(found, input.WithDecryption === true) };
};
