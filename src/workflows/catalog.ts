// Workflow resources: the caller's (build resources of type `workflow`, id `<type>/<name-id>`)
// and the AWS-managed ones, looked up by build ARN or by version ARN with `x` wildcards (the
// newest matching build), and their wire forms (Workflow, WorkflowVersion, WorkflowSummary).
import { parseArn } from '../domain/arn.js';
import type { Scope } from '../domain/scope.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { Workflow, WorkflowSummary, WorkflowVersion } from '../model/generated/types.js';
import { notFound } from '../domain/arn-arguments.js';
import type { BuildResourceStore } from '../store/ports.js';
import type { TagStore } from '../store/ports.js';
import { compareVersions, matchesPattern } from '../domain/versions.js';
import type { WorkflowType } from './actions.js';
import { managedWorkflows } from './managed.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** What reading the workflow catalog takes: the stored resources and their tags. */
export interface CatalogServices {
  build: { resources: BuildResourceStore };
  tags: TagStore;
}

/** A workflow build with its ARN and `x.y.z` version. */
export type WorkflowRec = Workflow & { arn: string; version: string; type: WorkflowType };

const WORKFLOW_ARN = /^(build|test|distribution)\/([a-z0-9-_]+)\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))(?:\/(\d+))?$/;

/** The caller's workflow builds (every type), with their tags. */
export function ownWorkflows(services: CatalogServices, scope: Scope): WorkflowRec[] {
  return services.build.resources.list<WorkflowRec>(scope, 'workflow').map((r) => ({ ...r.body, arn: r.arn, tags: services.tags.get(scope, r.arn) }));
}

/** The workflows visible as `owner` ('Self' or 'Amazon'). */
export function workflowsOf(services: CatalogServices, scope: Scope, owner: 'Self' | 'Amazon'): WorkflowRec[] {
  return owner === 'Amazon' ? (managedWorkflows(scope.region) as WorkflowRec[]) : ownWorkflows(services, scope);
}

/** The version ARN (`…/x.y.z`) of a workflow build ARN. */
export const workflowVersionArn = (buildArn: string): string => buildArn.replace(/\/\d+$/, '');

/** `x.y.z/n` of a build ARN, for ordering builds. */
const buildKey = (w: WorkflowRec): string => `${w.version}/${w.arn.split('/').pop()}`;

/** Parses a workflow ARN argument of the caller's Region (the caller's or AWS's). */
export function parseWorkflowArn(
  scope: Scope,
  arn: string,
  param: string,
): { owner: 'Self' | 'Amazon'; type: WorkflowType; id: string; version: string; build?: number } {
  const p = parseArn(arn);
  const m = p && p.resourceType.startsWith('workflow/') ? WORKFLOW_ARN.exec(`${p.resourceType.slice(9)}/${p.resourceId}`) : null;
  if (!p || !m) throw new InvalidParameterValueException(invalidParameter(param, `'${arn}' is not a valid workflow ARN.`));
  if (p.region !== scope.region) {
    throw new InvalidParameterValueException(
      invalidParameter(param, `The Region of the ARN '${p.region}' does not match the Region of the request '${scope.region}'.`),
    );
  }
  if (p.owner !== scope.accountId && p.owner !== 'aws') throw notFound(arn);
  return {
    owner: p.owner === 'aws' ? 'Amazon' : 'Self',
    type: m[1]!.toUpperCase() as WorkflowType,
    id: m[2]!,
    version: m[3]!,
    ...(m[4] !== undefined ? { build: Number(m[4]) } : {}),
  };
}

/** The workflow build an ARN names: the build itself, or the newest build matching a version (pattern). */
export function resolveWorkflow(services: CatalogServices, scope: Scope, arn: string, param: string): WorkflowRec {
  const p = parseWorkflowArn(scope, arn, param);
  const candidates = workflowsOf(services, scope, p.owner).filter(
    (w) =>
      w.type === p.type && w.arn.split('/')[2] === p.id && matchesPattern(p.version, w.version) && (p.build === undefined || w.arn.endsWith(`/${p.build}`)),
  );
  const found = candidates.sort((a, b) => compareVersions(buildKey(b), buildKey(a)))[0];
  if (!found) throw notFound(arn);
  return found;
}

export function toWorkflowVersion(w: WorkflowRec): WorkflowVersion {
  return {
    arn: workflowVersionArn(w.arn),
    name: w.name!,
    version: w.version,
    ...(w.description !== undefined ? { description: w.description } : {}),
    type: w.type,
    owner: w.owner!,
    dateCreated: w.dateCreated!,
  };
}

export function toWorkflowSummary(w: WorkflowRec): WorkflowSummary {
  return {
    arn: w.arn,
    name: w.name!,
    version: w.version,
    ...(w.description !== undefined ? { description: w.description } : {}),
    ...(w.changeDescription !== undefined ? { changeDescription: w.changeDescription } : {}),
    type: w.type,
    owner: w.owner!,
    ...(w.state ? { state: w.state } : {}),
    dateCreated: w.dateCreated!,
    tags: w.tags ?? {},
  };
}
