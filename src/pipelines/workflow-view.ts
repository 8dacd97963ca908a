// The BUILD and TEST workflows of a simulated build as Image Builder's workflow APIs show them
// (AWS-managed `build-image` and `test-image` workflows), from the build row's progress.
import { partitionOf, type Scope } from '../domain/scope.js';
import type { WorkflowExecutionMetadata, WorkflowStepMetadata } from '../model/generated/types.js';
import type { BuildStore } from '../store/ports.js';
import type { BuildProgress, BuildSpec } from './builder.js';

function workflowArn(region: string, type: 'build' | 'test'): string {
  return `arn:${partitionOf(region)}:imagebuilder:${region}:aws:workflow/${type}/${type}-image/1.0.0/1`;
}

/** BUILD (and TEST, when tests ran or were skipped) executions of the image's build, if it was built. */
export function buildWorkflowExecutions(builds: BuildStore, scope: Scope, imageArn: string): WorkflowExecutionMetadata[] {
  const row = builds.get<BuildSpec, BuildProgress>(scope, imageArn);
  if (!row?.progress.buildWorkflowId) return [];
  const p = row.progress;
  const ended = (end?: string) => (p.failed ? 'FAILED' : p.cancelled && !end ? 'CANCELLED' : end ? 'COMPLETED' : 'RUNNING');
  const buildStatus = p.buildEnd && !p.failed ? 'COMPLETED' : ended(p.buildEnd);
  // A custom BUILD workflow replaces the AWS-managed build-image execution (it lists on its own).
  const customBuild = row.spec.workflows?.some((w) => w.type === 'BUILD') ?? false;
  const out: WorkflowExecutionMetadata[] = [];
  if (!customBuild)
    out.push({
      workflowBuildVersionArn: workflowArn(scope.region, 'build'),
      workflowExecutionId: p.buildWorkflowId!,
      type: 'BUILD',
      status: buildStatus,
      message: p.failed ?? (buildStatus === 'COMPLETED' ? 'Build completed.' : `Build ${buildStatus.toLowerCase()}.`),
      totalStepCount: 1,
      totalStepsSucceeded: buildStatus === 'COMPLETED' ? 1 : 0,
      totalStepsFailed: buildStatus === 'FAILED' ? 1 : 0,
      totalStepsSkipped: 0,
      ...(p.buildStart ? { startTime: p.buildStart } : {}),
      ...(p.buildEnd ? { endTime: p.buildEnd } : {}),
      retried: false,
    });
  if (p.testWorkflowId) {
    const testStatus = p.testEnd ? 'COMPLETED' : p.cancelled ? 'CANCELLED' : 'RUNNING';
    out.push({
      workflowBuildVersionArn: workflowArn(scope.region, 'test'),
      workflowExecutionId: p.testWorkflowId,
      type: 'TEST',
      status: testStatus,
      message: testStatus === 'COMPLETED' ? 'Tests passed.' : `Tests ${testStatus.toLowerCase()}.`,
      totalStepCount: 1,
      totalStepsSucceeded: testStatus === 'COMPLETED' ? 1 : 0,
      totalStepsFailed: 0,
      totalStepsSkipped: 0,
      ...(p.testStart ? { startTime: p.testStart } : {}),
      ...(p.testEnd ? { endTime: p.testEnd } : {}),
      retried: false,
    });
  }
  return out;
}

/** The one step of a BUILD or TEST execution; its id mirrors the execution's (`wf-X` → `step-X`). */
export function buildWorkflowStep(exec: WorkflowExecutionMetadata, progress: BuildProgress): WorkflowStepMetadata {
  const isBuild = exec.type === 'BUILD';
  const status = exec.status === 'RUNNING' || exec.status === 'COMPLETED' || exec.status === 'FAILED' || exec.status === 'CANCELLED' ? exec.status : 'PENDING';
  return {
    stepExecutionId: exec.workflowExecutionId!.replace(/^wf-/, 'step-'),
    name: isBuild ? 'BuildImage' : 'TestImage',
    description: isBuild ? 'Builds the image from the recipe on the simulated build instance.' : "Runs the recipe's test components.",
    action: 'ExecuteComponents',
    status,
    rollbackStatus: 'SKIPPED',
    message: exec.message ?? status,
    inputs: JSON.stringify({}),
    outputs: JSON.stringify(
      isBuild && progress.amiId ? { imageId: progress.amiId, name: progress.amiName } : isBuild && progress.imageUris ? { imageUris: progress.imageUris } : {},
    ),
    ...(exec.startTime ? { startTime: exec.startTime } : {}),
    ...(exec.endTime ? { endTime: exec.endTime } : {}),
  };
}

/** A BUILD or TEST execution by id, with its image and step. */
export function findBuildWorkflow(
  builds: BuildStore,
  scope: Scope,
  workflowExecutionId: string,
): { imageArn: string; exec: WorkflowExecutionMetadata; step: WorkflowStepMetadata } | undefined {
  const row = builds.findByWorkflowId<BuildSpec, BuildProgress>(scope, workflowExecutionId);
  if (!row) return undefined;
  const exec = buildWorkflowExecutions(builds, scope, row.imageArn).find((e) => e.workflowExecutionId === workflowExecutionId);
  return exec ? { imageArn: row.imageArn, exec, step: buildWorkflowStep(exec, row.progress) } : undefined;
}
