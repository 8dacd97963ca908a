// SSM GetParametersByPath: the parameters under a path (one level, or all with Recursive),
// ten at most per page, narrowed by ParameterFilters (Type, KeyId, Label, tag:<key>); a Label
// filter answers the labelled version. SecureString values only WithDecryption.
import { WorldError, type WorldHandler } from '../world-call.js';
import { labelled, matches, validateFilters, type StringFilter } from './filters.js';
import { byName, readableParams, ssmPage, wireParam } from './params.js';

export const GetParametersByPath: WorldHandler = async (input, call) => {
  const path = input.Path as string;
  if (!path.startsWith('/'))
    throw new WorldError(
      'ValidationException',
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".',
    );
  const filters = (input.ParameterFilters as StringFilter[] | undefined) ?? [];
  validateFilters(filters, true);
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const { own, publics } = readableParams(call, 'GetParametersByPath');
  const pool = prefix.startsWith('/aws/') ? publics : own;
  const hits = pool
    .filter((p) => p.name.startsWith(prefix) && (input.Recursive === true || !p.name.slice(prefix.length).includes('/')))
    .filter((p) => filters.every((f) => matches(p, f)))
    .sort(byName);
  const page = ssmPage(hits, input, 10);
  const label = filters.find((f) => f.Key === 'Label');
  return {
    Parameters: page.items.map((p) =>
      wireParam({ p, v: (label && labelled(p, label.Values ?? [])) || p, isPublic: pool === publics }, input.WithDecryption === true),
    ),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
