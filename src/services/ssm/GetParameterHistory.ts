// SSM GetParameterHistory: every kept version of a parameter, oldest first, with its labels,
// in pages of at most 50. SecureString values only WithDecryption.
import { paramVersions } from '../../cloud/simulated/ssm.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { findParam, ssmPage, valueOf } from './params.js';

export const GetParameterHistory: WorldHandler = async (input, call) => {
  const found = findParam(call, input.Name as string, 'GetParameterHistory');
  if (!found) throw new WorldError('ParameterNotFound', `Parameter ${String(input.Name)} not found.`);
  const p = found.p;
  const page = ssmPage(paramVersions(p), input, 50);
  return {
    Parameters: page.items.map((v) => ({
      Name: p.name,
      Type: v.type ?? 'String',
      ...(v.keyId !== undefined ? { KeyId: v.keyId } : {}),
      LastModifiedDate: new Date(v.lastModified),
      LastModifiedUser: `arn:aws:iam::${p.accountId}:root`,
      ...(v.description !== undefined ? { Description: v.description } : {}),
      Value: valueOf(p, v, input.WithDecryption === true),
      ...(v.allowedPattern !== undefined ? { AllowedPattern: v.allowedPattern } : {}),
      Version: v.version,
      Labels: v.labels ?? [],
      Tier: 'Standard',
      Policies: [],
      DataType: v.dataType,
    })),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
