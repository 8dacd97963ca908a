// SSM DescribeParameters: metadata (no values) of the caller's parameters, narrowed by
// ParameterFilters (Name, Path, Type, KeyId, Tier, DataType, tag:<key>) or the older Filters
// (Name, Type, KeyId) — not both, as SSM refuses.
import { WorldError, type WorldHandler } from '../world-call.js';
import { matches, matchesLegacy, validateFilters, type LegacyFilter, type StringFilter } from './filters.js';
import { byName, paramArn, readableParams, ssmPage } from './params.js';

export const DescribeParameters: WorldHandler = async (input, call) => {
  const filters = (input.ParameterFilters as StringFilter[] | undefined) ?? [];
  const legacy = (input.Filters as LegacyFilter[] | undefined) ?? [];
  if (filters.length && legacy.length) throw new WorldError('ValidationException', 'You can use either Filters or ParameterFilters in a single request.');
  validateFilters(filters, false);
  const { own } = readableParams(call, 'DescribeParameters');
  const hits = own.filter((p) => filters.every((f) => matches(p, f)) && legacy.every((f) => matchesLegacy(p, f))).sort(byName);
  const page = ssmPage(hits, input, 50);
  return {
    Parameters: page.items.map((p) => ({
      Name: p.name,
      ARN: paramArn(p, false),
      Type: p.type ?? 'String',
      ...(p.keyId !== undefined ? { KeyId: p.keyId } : {}),
      LastModifiedDate: new Date(p.lastModified),
      LastModifiedUser: `arn:aws:iam::${p.accountId}:root`,
      ...(p.description !== undefined ? { Description: p.description } : {}),
      ...(p.allowedPattern !== undefined ? { AllowedPattern: p.allowedPattern } : {}),
      Version: p.version,
      Tier: 'Standard',
      Policies: [],
      DataType: p.dataType,
    })),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
