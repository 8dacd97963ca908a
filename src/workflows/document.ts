// The workflow document language (AWS user guide, "Create a YAML workflow document"): parsing
// and validation against the workflow's type. A document has `schemaVersion: 1.0`, up to 25
// `parameters`, 1–15 `steps` (name, action allowed for the type, inputs, onFailure, if,
// timeoutSeconds, rollbackEnabled, description) and up to 25 `outputs`; every JSONPath must name
// a declared parameter, an earlier step, a system variable or a workflow output. Pure.
import { parse } from 'yaml';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { ACTIONS, AMI_DISTRIBUTION_ACTIONS, type WorkflowType } from './actions.js';
import { conditionReferences, parseCondition, parsePath, references, type Condition } from './expressions.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export type ParameterType = 'string' | 'integer' | 'boolean' | 'stringList';

export interface DocParameter {
  name: string;
  type: ParameterType;
  default?: string | number | boolean | string[];
  description?: string;
}

export interface DocStep {
  name: string;
  action: string;
  description?: string;
  onFailure: 'Abort' | 'Continue';
  rollbackEnabled: boolean | string;
  timeoutSeconds: number;
  if?: Condition;
  inputs: Record<string, unknown>;
}

export interface WorkflowDocument {
  name?: string;
  description?: string;
  parameters: DocParameter[];
  steps: DocStep[];
  outputs: { name: string; value: string }[];
}

export const MAX_STEPS = 15;
export const MAX_PARAMETERS = 25;
export const MAX_OUTPUTS = 25;
const PARAMETER_TYPES: ParameterType[] = ['string', 'integer', 'boolean', 'stringList'];
const STEP_NAME = /^[A-Za-z][A-Za-z0-9-_]{1,99}$/;
const TOP_KEYS = new Set(['name', 'description', 'schemaVersion', 'parameters', 'steps', 'outputs']);
const STEP_KEYS = new Set(['name', 'action', 'description', 'onFailure', 'rollbackEnabled', 'timeoutSeconds', 'if', 'inputs']);

/** System variables (`$.imagebuilder.<name>`) a document may read. */
export const SYSTEM_VARIABLES = new Set([
  'imageType',
  'platform',
  'Platform',
  'collectImageMetadata',
  'collectImageScanFindings',
  'cloudWatchLogGroup',
  'cloudWatchLogStream',
]);

function invalid(detail: string): InvalidParameterValueException {
  return new InvalidParameterValueException(invalidParameter('data', `${detail}`));
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function defaultMatches(type: ParameterType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'stringList':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

function parseParameters(raw: unknown): DocParameter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid("'parameters' must be a list.");
  if (raw.length > MAX_PARAMETERS) throw invalid(`A workflow can have at most ${MAX_PARAMETERS} parameters; this one has ${raw.length}.`);
  const seen = new Set<string>();
  return raw.map((p, i) => {
    const at = `parameters[${i}]`;
    if (!isMap(p)) throw invalid(`${at} must be a map with 'name' and 'type'.`);
    for (const k of Object.keys(p)) if (!['name', 'type', 'default', 'description'].includes(k)) throw invalid(`${at}: unknown field '${k}'.`);
    if (typeof p.name !== 'string' || p.name.length < 1 || p.name.length > 128) throw invalid(`${at}.name must be a string of 1 to 128 characters.`);
    if (seen.has(p.name)) throw invalid(`${at}.name: the parameter '${p.name}' is declared more than once.`);
    seen.add(p.name);
    if (!PARAMETER_TYPES.includes(p.type as ParameterType)) throw invalid(`${at}.type must be one of ${PARAMETER_TYPES.join(', ')}.`);
    const type = p.type as ParameterType;
    if (p.default !== undefined && !defaultMatches(type, p.default)) throw invalid(`${at}.default must be a value of type ${type}.`);
    if (p.description !== undefined && typeof p.description !== 'string') throw invalid(`${at}.description must be a string.`);
    return {
      name: p.name,
      type,
      ...(p.default !== undefined ? { default: p.default as DocParameter['default'] } : {}),
      ...(p.description !== undefined ? { description: p.description as string } : {}),
    };
  });
}

function parseStep(s: unknown, i: number, type: WorkflowType): DocStep {
  const at = `steps[${i}]`;
  if (!isMap(s)) throw invalid(`${at} must be a map with 'name' and 'action'.`);
  for (const k of Object.keys(s)) if (!STEP_KEYS.has(k)) throw invalid(`${at}: unknown field '${k}'.`);
  if (typeof s.name !== 'string' || !STEP_NAME.test(s.name)) {
    throw invalid(`${at}.name must start with a letter and have 2 to 100 letters, digits, '-' or '_'.`);
  }
  if (typeof s.action !== 'string' || !ACTIONS[s.action]) throw invalid(`${at}.action: '${String(s.action)}' is not a supported step action.`);
  const info = ACTIONS[s.action]!;
  if (!info.stages.includes(type)) throw invalid(`${at}.action: the action '${s.action}' is not allowed in a ${type} workflow.`);
  if (s.inputs !== undefined && s.inputs !== null && !isMap(s.inputs)) throw invalid(`${at}.inputs must be a map.`);
  const inputs = (s.inputs ?? {}) as Record<string, unknown>;
  for (const r of info.required) {
    if (inputs[r] === undefined && inputs[`${r}.$`] === undefined) throw invalid(`${at}.inputs: the action '${s.action}' requires the input '${r}'.`);
  }
  if (s.onFailure !== undefined && s.onFailure !== 'Abort' && s.onFailure !== 'Continue') throw invalid(`${at}.onFailure must be Abort or Continue.`);
  if (s.rollbackEnabled !== undefined && typeof s.rollbackEnabled !== 'boolean' && !(typeof s.rollbackEnabled === 'string' && parsePath(s.rollbackEnabled))) {
    throw invalid(`${at}.rollbackEnabled must be true, false or a JSONPath.`);
  }
  let timeout = info.defaultTimeout;
  if (s.timeoutSeconds !== undefined) {
    if (typeof s.timeoutSeconds !== 'number' || !Number.isInteger(s.timeoutSeconds) || s.timeoutSeconds < 1 || s.timeoutSeconds > info.maxTimeout) {
      throw invalid(`${at}.timeoutSeconds must be an integer from 1 to ${info.maxTimeout} for the action '${s.action}'.`);
    }
    timeout = s.timeoutSeconds;
  }
  if (s.description !== undefined && (typeof s.description !== 'string' || s.description.length < 1 || s.description.length > 1024)) {
    throw invalid(`${at}.description must be a string of 1 to 1024 characters.`);
  }
  let cond: Condition | undefined;
  if (s.if !== undefined) {
    try {
      cond = parseCondition(s.if, `${at}.if`);
    } catch (e) {
      throw invalid((e as Error).message);
    }
  }
  return {
    name: s.name,
    action: s.action,
    ...(s.description !== undefined ? { description: s.description as string } : {}),
    onFailure: (s.onFailure as DocStep['onFailure'] | undefined) ?? 'Abort',
    rollbackEnabled: (s.rollbackEnabled as boolean | string | undefined) ?? true,
    timeoutSeconds: timeout,
    ...(cond ? { if: cond } : {}),
    inputs,
  };
}

/** Checks that a JSONPath names something the step can read. */
function checkReference(path: string, at: string, params: Set<string>, earlier: Set<string>, allSteps: Set<string>): void {
  const segs = parsePath(path);
  if (!segs || typeof segs[0] !== 'string')
    throw invalid(`${at}: '${path}' is not a valid JSONPath ($.parameters, $.stepOutputs, $.imagebuilder or $.workflowOutputs).`);
  const [root, name] = segs;
  if (root === 'parameters') {
    if (typeof name !== 'string' || !params.has(name)) throw invalid(`${at}: '${path}' refers to a parameter that the document does not declare.`);
  } else if (root === 'stepOutputs') {
    if (typeof name !== 'string' || !earlier.has(name)) {
      throw invalid(`${at}: '${path}' refers to ${allSteps.has(String(name)) ? 'a step that does not run before this one' : 'a step that does not exist'}.`);
    }
  } else if (root === 'imagebuilder') {
    if (typeof name !== 'string' || !SYSTEM_VARIABLES.has(name)) throw invalid(`${at}: '${path}' is not a known system variable.`);
  } else if (root !== 'workflowOutputs') {
    throw invalid(`${at}: '${path}' must start with $.parameters, $.stepOutputs, $.imagebuilder or $.workflowOutputs.`);
  }
}

/** Parses and validates a workflow document for a workflow of `type`. */
export function parseWorkflowDocument(data: string, type: WorkflowType): WorkflowDocument {
  let doc: unknown;
  try {
    doc = parse(data);
  } catch (e) {
    throw invalid(`The document is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isMap(doc)) throw invalid('The document must be a YAML map with schemaVersion and steps.');
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k)) throw invalid(`Unknown top-level field '${k}'.`);
  if (doc.schemaVersion === undefined) throw invalid("The document must have a 'schemaVersion'.");
  if (doc.schemaVersion !== 1 && doc.schemaVersion !== '1.0') throw invalid(`The schemaVersion '${String(doc.schemaVersion)}' is not supported; use 1.0.`);
  const parameters = parseParameters(doc.parameters);
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) throw invalid("The document must have a non-empty 'steps' list.");
  if (doc.steps.length > MAX_STEPS) throw invalid(`A workflow can have at most ${MAX_STEPS} steps; this one has ${doc.steps.length}.`);
  const steps = doc.steps.map((s, i) => parseStep(s, i, type));
  const names = new Set<string>();
  for (const [i, s] of steps.entries()) {
    if (names.has(s.name)) throw invalid(`steps[${i}].name: the step name '${s.name}' is used more than once.`);
    names.add(s.name);
  }
  const actions = new Set(steps.map((s) => s.action));
  if (actions.has('DistributeContainerImage') && [...actions].some((a) => AMI_DISTRIBUTION_ACTIONS.has(a))) {
    throw invalid('A workflow cannot combine DistributeContainerImage with DistributeImage, ModifyImageAttributes or ApplyImageConfigurations.');
  }
  const params = new Set(parameters.map((p) => p.name));
  const earlier = new Set<string>();
  for (const [i, s] of steps.entries()) {
    const at = `steps[${i}]`;
    const refs = [...references(s.inputs, `${at}.inputs`), ...(s.if ? conditionReferences(s.if, `${at}.if`) : [])];
    if (typeof s.rollbackEnabled === 'string') refs.push({ path: s.rollbackEnabled, at: `${at}.rollbackEnabled` });
    for (const r of refs) checkReference(r.path, r.at, params, earlier, names);
    earlier.add(s.name);
  }
  const outputs: WorkflowDocument['outputs'] = [];
  if (doc.outputs !== undefined && doc.outputs !== null) {
    if (!Array.isArray(doc.outputs)) throw invalid("'outputs' must be a list.");
    if (doc.outputs.length > MAX_OUTPUTS) throw invalid(`A workflow can have at most ${MAX_OUTPUTS} outputs.`);
    const seen = new Set<string>();
    for (const [i, o] of doc.outputs.entries()) {
      if (!isMap(o) || typeof o.name !== 'string' || typeof o.value !== 'string')
        throw invalid(`outputs[${i}] must be a map with a string 'name' and 'value'.`);
      if (seen.has(o.name)) throw invalid(`outputs[${i}].name: the output '${o.name}' is declared more than once.`);
      seen.add(o.name);
      checkReference(o.value, `outputs[${i}].value`, params, names, names);
      outputs.push({ name: o.name, value: o.value });
    }
  }
  return {
    ...(typeof doc.name === 'string' ? { name: doc.name } : {}),
    ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    parameters,
    steps,
    outputs,
  };
}
