// SSM GetParametersByPath: the parameters under a path (one level, or all with Recursive),
// ten at most per page.
import { WorldError, type WorldHandler } from '../context.js';
import { byName, readableParams, ssmPage, wireParam } from './params.js';

export const GetParametersByPath: WorldHandler = async (input, call) => {
  const path = input.Path as string;
  if (!path.startsWith('/')) throw new WorldError('ValidationException', 'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const { own, publics } = readableParams(call, 'GetParametersByPath');
  const pool = prefix.startsWith('/aws/') ? publics : own;
  const hits = pool
    .filter((p) => p.name.startsWith(prefix) && (input.Recursive === true || !p.name.slice(prefix.length).includes('/')))
    .sort(byName);
  const page = ssmPage(hits, input, 10);
  return { Parameters: page.items.map((p) => wireParam(p, pool === publics)), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
};
