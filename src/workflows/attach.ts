// Workflows attached to an image or pipeline (`workflows: [WorkflowConfiguration]`): each ARN
// resolved to a workflow build (the caller's or AWS's), AWS's limits checked (at most one BUILD and
// one DISTRIBUTION workflow, ten in all, parallelGroup only on TEST workflows), parameters checked
// against the document's declarations and converted to their types, and an execution role
// required once a custom workflow is attached. The result is what an image snapshots and runs.
import type { Scope } from '../domain/scope.js';
import { InvalidParameterCombinationException, InvalidParameterValueException } from '../model/generated/errors.js';
import type { WorkflowConfiguration } from '../model/generated/types.js';
import type { CatalogServices } from './catalog.js';
import type { WorkflowType } from './actions.js';
import { resolveWorkflow } from './catalog.js';
import { parseWorkflowDocument, type WorkflowDocument } from './document.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** One attached workflow, resolved and snapshotted. */
export interface AttachedWorkflow {
  /** The workflow build ARN it resolved to. */
  arn: string;
  type: WorkflowType;
  /** AWS-managed (owner `aws`). */
  managed: boolean;
  name: string;
  document: WorkflowDocument;
  /** Parameter values by name, converted to the declared types (defaults filled in). */
  parameters: Record<string, unknown>;
  onFailure: 'ABORT' | 'CONTINUE';
  parallelGroup?: string;
}

export const MAX_WORKFLOWS = 10;
const MAX_VALUE = 1024;

function bad(param: string, detail: string): InvalidParameterValueException {
  return new InvalidParameterValueException(invalidParameter(param, `${detail}`));
}

function parameterValues(doc: WorkflowDocument, given: WorkflowConfiguration['parameters'], at: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [j, p] of (given ?? []).entries()) {
    const param = `${at}.parameters[${j}]`;
    const decl = doc.parameters.find((d) => d.name === p.name);
    if (!decl) throw bad(`${param}.name`, `The workflow declares no parameter '${p.name}'.`);
    if (seen.has(p.name)) throw bad(`${param}.name`, `The parameter '${p.name}' is given more than once.`);
    seen.add(p.name);
    const values = p.value ?? [];
    if (values.some((v) => v.length > MAX_VALUE)) throw bad(`${param}.value`, `A parameter value can have at most ${MAX_VALUE} characters.`);
    if (decl.type === 'stringList') {
      out[p.name] = [...values];
      continue;
    }
    if (values.length !== 1) throw bad(`${param}.value`, `The ${decl.type} parameter '${p.name}' takes exactly one value.`);
    const v = values[0]!;
    if (decl.type === 'integer') {
      if (!/^-?\d+$/.test(v)) throw bad(`${param}.value`, `The value '${v}' of parameter '${p.name}' is not an integer.`);
      out[p.name] = Number(v);
    } else if (decl.type === 'boolean') {
      if (v !== 'true' && v !== 'false') throw bad(`${param}.value`, `The value '${v}' of parameter '${p.name}' is not true or false.`);
      out[p.name] = v === 'true';
    } else out[p.name] = v;
  }
  for (const d of doc.parameters) {
    if (out[d.name] !== undefined) continue;
    if (d.default === undefined) throw bad(`${at}.parameters`, `The workflow parameter '${d.name}' has no default value and must be given.`);
    out[d.name] = d.default;
  }
  return out;
}

/** Resolves and checks `workflows`; undefined when none are given. */
export function resolveAttachedWorkflows(
  services: CatalogServices,
  scope: Scope,
  workflows: WorkflowConfiguration[] | undefined,
  executionRole: string | undefined,
): AttachedWorkflow[] | undefined {
  if (!workflows) return undefined;
  if (workflows.length > MAX_WORKFLOWS) throw bad('workflows', `An image can have at most ${MAX_WORKFLOWS} workflows.`);
  const out = workflows.map((w, i): AttachedWorkflow => {
    const at = `workflows[${i}]`;
    const rec = resolveWorkflow(services, scope, w.workflowArn, `${at}.workflowArn`);
    if (w.parallelGroup !== undefined && rec.type !== 'TEST') throw bad(`${at}.parallelGroup`, 'Only TEST workflows can have a parallel group.');
    const document = parseWorkflowDocument(rec.data ?? '', rec.type);
    return {
      arn: rec.arn,
      type: rec.type,
      managed: rec.owner === 'aws',
      name: rec.name!,
      document,
      parameters: parameterValues(document, w.parameters, at),
      onFailure: w.onFailure ?? 'ABORT',
      ...(w.parallelGroup !== undefined ? { parallelGroup: w.parallelGroup } : {}),
    };
  });
  for (const t of ['BUILD', 'DISTRIBUTION'] as const) {
    if (out.filter((w) => w.type === t).length > 1) throw bad('workflows', `An image can have at most one ${t} workflow.`);
  }
  if (out.some((w) => !w.managed) && !executionRole) {
    throw new InvalidParameterCombinationException(invalidParameter('executionRole', 'An execution role is required when custom workflows are specified.'));
  }
  return out;
}
