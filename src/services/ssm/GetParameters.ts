// SSM GetParameters: up to 10 parameters; names that do not exist are listed in
// InvalidParameters instead of failing the call. SecureString values only WithDecryption.
import type { WorldHandler } from '../world-call.js';
import { findParam, wireParam } from './params.js';

export const GetParameters: WorldHandler = async (input, call) => {
  const Parameters = [];
  const InvalidParameters: string[] = [];
  for (const name of input.Names as string[]) {
    const found = findParam(call, name, 'GetParameters');
    if (found) Parameters.push(wireParam(found, input.WithDecryption === true));
    else InvalidParameters.push(name);
  }
  return { Parameters, InvalidParameters };
};
