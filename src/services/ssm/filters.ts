// SSM ParameterFilters (DescribeParameters, GetParametersByPath) and the older `Filters`
// (DescribeParameters only): the keys, options and values each operation accepts, and matching
// a parameter's current version. Messages are SSM's.
import type { ParamRec, ParamVersionRec } from '../../cloud/simulated/records.js';
import { paramVersions } from '../../cloud/simulated/ssm.js';
import { WorldError } from '../world-call.js';

export interface StringFilter {
  Key: string;
  Option?: string;
  Values?: string[];
}

export interface LegacyFilter {
  Key: string;
  Values: string[];
}

const optionOf = (f: StringFilter): string => f.Option ?? (f.Key === 'Path' ? 'OneLevel' : 'Equals');

const VALUES: Record<string, string[]> = {
  Type: ['String', 'StringList', 'SecureString'],
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
  DataType: ['text', 'aws:ec2:image'],
};

/** Checks the filters as SSM does before listing (InvalidFilterKey / Option / Value). */
export function validateFilters(filters: StringFilter[], byPath: boolean): void {
  const seen = new Set<string>();
  for (const f of filters) {
    const key = f.Key;
    const option = optionOf(f);
    if (!byPath && key === 'Label')
      throw new WorldError('InvalidFilterKey', 'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].');
    if (byPath && ['Name', 'Path', 'Tier'].includes(key))
      throw new WorldError('InvalidFilterKey', `The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`);
    if (['Name', 'Type', 'Path', 'Tier', 'KeyId', 'DataType', 'Label'].includes(key) && !f.Values?.length) {
      throw new WorldError('InvalidFilterValue', `The following filter values are missing : null for filter key ${key}.`);
    }
    if (seen.has(key))
      throw new WorldError(
        'InvalidFilterKey',
        `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`,
      );
    seen.add(key);
    if (key === 'Path') {
      if (option !== 'Recursive' && option !== 'OneLevel')
        throw new WorldError('InvalidFilterOption', `The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`);
      continue;
    }
    for (const v of VALUES[key] ? (f.Values ?? []) : []) {
      if (!VALUES[key]!.includes(v))
        throw new WorldError('InvalidFilterOption', `The following filter value is not valid: ${v}. Valid values include: [${VALUES[key]!.join(', ')}].`);
    }
    const options = key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : key === 'Label' ? ['Equals'] : ['Equals', 'BeginsWith'];
    if (!options.includes(option))
      throw new WorldError(
        'InvalidFilterOption',
        `The following filter option is not valid: ${option}. Valid options include: [${options
          .filter((o) => o !== 'Contains')
          .sort()
          .join(', ')}].`,
      );
  }
}

const slash = (s: string): string => `/${s.replace(/^\/+/, '')}`;

function compare(what: string, values: string[], option: string): boolean {
  if (option === 'BeginsWith') return values.some((v) => what.startsWith(v));
  if (option === 'Contains') return values.some((v) => what.includes(v));
  return values.includes(what);
}

/** Whether the parameter's current version passes one filter. */
export function matches(p: ParamRec, f: StringFilter): boolean {
  const option = optionOf(f);
  const values = f.Values ?? [];
  switch (f.Key) {
    case 'Name':
      return compare(slash(p.name), option === 'Contains' ? values : values.map(slash), option);
    case 'Path': {
      const name = slash(p.name);
      return values.some((raw) => {
        const v = slash(raw).replace(/\/+$/, '');
        if (v === '') return option === 'Recursive' || name.split('/').length === 2;
        if (!name.startsWith(`${v}/`)) return false;
        return option === 'Recursive' || !name.slice(v.length + 1).includes('/');
      });
    }
    case 'Type':
      return compare(p.type ?? 'String', values, option);
    case 'KeyId':
      return p.keyId !== undefined && compare(p.keyId, values, option);
    case 'Tier':
      return compare('Standard', values, option);
    case 'DataType':
      return compare(p.dataType, values, option);
    case 'Label':
      return labelled(p, values) !== undefined;
    default: {
      // tag:<key> — with no values, the tag only has to exist.
      const tag = p.tags?.[f.Key.slice(4)];
      if (tag === undefined) return false;
      return values.length === 0 || compare(tag, values, option);
    }
  }
}

/** The version carrying one of the labels (GetParametersByPath's Label filter). */
export function labelled(p: ParamRec, labels: string[]): ParamVersionRec | undefined {
  return paramVersions(p).find((v) => v.labels?.some((l) => labels.includes(l)));
}

/** DescribeParameters' older `Filters`: Name begins with, Type and KeyId equal. */
export function matchesLegacy(p: ParamRec, f: LegacyFilter): boolean {
  if (f.Key === 'Name') return f.Values.some((v) => p.name.startsWith(v));
  if (f.Key === 'Type') return f.Values.includes(p.type ?? 'String');
  return p.keyId !== undefined && f.Values.includes(p.keyId);
}
