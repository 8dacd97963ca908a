// SSM GetParameterHistory: the versions of a parameter. The world keeps a parameter's current
// version only, so the history is that one entry (docs/known-differences.md).
import { WorldError, type WorldHandler } from '../context.js';
import { findParam } from './params.js';

export const GetParameterHistory: WorldHandler = async (input, call) => {
  const found = findParam(call, input.Name as string, 'GetParameterHistory');
  if (!found) throw new WorldError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
  const p = found.p;
  return { Parameters: [{ Name: p.name, Type: 'String', LastModifiedDate: new Date(p.lastModified), LastModifiedUser: `arn:aws:iam::${p.accountId}:root`, Value: p.value, Version: p.version, Labels: [], Tier: 'Standard', Policies: [], DataType: p.dataType }] };
};
