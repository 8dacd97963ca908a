// SSM DescribeParameters: metadata (no values) of the caller's parameters, narrowed by
// ParameterFilters Name (Equals, BeginsWith), Path (OneLevel, Recursive), Type and DataType.
import type { ParamRec } from '../../cloud/simulated/records.js';
import { WorldError, type WorldHandler } from '../context.js';
import { byName, paramArn, readableParams, ssmPage } from './params.js';

interface StringFilter {
  Key: string;
  Option?: string;
  Values?: string[];
}

function matches(p: ParamRec, f: StringFilter): boolean {
  const vals = f.Values ?? [];
  switch (f.Key) {
    case 'Name': {
      const n = p.name.replace(/^\//, '');
      return vals.some((v) => (f.Option === 'BeginsWith' ? n.startsWith(v.replace(/^\//, '')) : n === v.replace(/^\//, '')));
    }
    case 'Path':
      return vals.some((v) => {
        const prefix = v.endsWith('/') ? v : `${v}/`;
        return p.name.startsWith(prefix) && (f.Option === 'Recursive' || !p.name.slice(prefix.length).includes('/'));
      });
    case 'Type':
      return vals.includes('String');
    case 'DataType':
      return vals.includes(p.dataType);
    case 'Tier':
      return vals.includes('Standard');
    default:
      throw new WorldError('InvalidFilterKey', `The filter key ${f.Key} is not supported by ibex (Name, Path, Type, DataType, Tier).`);
  }
}

export const DescribeParameters: WorldHandler = async (input, call) => {
  const { own } = readableParams(call, 'DescribeParameters');
  const filters = (input.ParameterFilters as StringFilter[] | undefined) ?? [];
  const hits = own.filter((p) => filters.every((f) => matches(p, f))).sort(byName);
  const page = ssmPage(hits, input, 50);
  return {
    Parameters: page.items.map((p) => ({ Name: p.name, ARN: paramArn(p, false), Type: 'String', LastModifiedDate: new Date(p.lastModified), LastModifiedUser: `arn:aws:iam::${p.accountId}:root`, Version: p.version, Tier: 'Standard', Policies: [], DataType: p.dataType })),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
};
