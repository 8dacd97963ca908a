// SSM LabelParameterVersion: attaches labels to one version (default: the latest). A label
// names one version of a parameter, so it moves off any other; malformed labels are answered in
// InvalidLabels, not as an error; ten labels per version at most.
import type { ParamRec } from '../../cloud/simulated/records.js';
import { paramVersions } from '../../cloud/simulated/ssm.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { readableParams } from './params.js';

/** SSM's label rules: letters, digits, `.-_`; not starting with a digit, `aws` or `ssm`. */
const validLabel = (l: string): boolean => /^[a-zA-Z0-9_.-]+$/.test(l) && !/^(aws|ssm)/i.test(l) && !/^\d/.test(l);

export const LabelParameterVersion: WorldHandler = async (input, call) => {
  const { own } = readableParams(call, 'LabelParameterVersion');
  const name = input.Name as string;
  const p = own.find((x) => x.name === name);
  if (!p) throw new WorldError('ParameterNotFound', `Parameter ${name} not found.`);
  const version = (input.ParameterVersion as number | undefined) ?? p.version;
  const versions = paramVersions(p);
  const target = versions.find((v) => v.version === version);
  if (!target)
    throw new WorldError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
  const labels = input.Labels as string[];
  const invalid = labels.filter((l) => !validLabel(l));
  const valid = labels.filter(validLabel);
  const merged = [...new Set([...(target.labels ?? []), ...valid])];
  if (merged.length > 10) {
    throw new WorldError(
      'ParameterVersionLabelLimitExceeded',
      'A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.',
    );
  }
  const relabel = versions.map((v) => {
    const kept = v.version === version ? merged : (v.labels ?? []).filter((l) => !valid.includes(l));
    const { labels: _l, ...rest } = v;
    return kept.length ? { ...rest, labels: kept } : rest;
  });
  const current = relabel[relabel.length - 1]!;
  const history = relabel.slice(0, -1);
  const { history: _h, labels: _cl, ...base } = p;
  const next: ParamRec = { ...base, ...current, ...(history.length ? { history } : {}) };
  call.sim.state.putParam(next);
  return { InvalidLabels: invalid, ParameterVersion: version };
};
