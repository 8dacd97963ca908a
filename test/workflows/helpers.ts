// Shared by the workflow tests: an image built from a fresh recipe with workflows attached, and
// bounded polls for the waiting (WaitForAction) steps of an image.
import {
  CreateImageCommand,
  ListWaitingWorkflowStepsCommand,
  type ImagebuilderClient,
  type WorkflowConfiguration,
  type WorkflowStepExecution,
} from '@aws-sdk/client-imagebuilder';
import { buildInputs } from '../pipelines/fixtures.js';

/** Polls (bounded) until the image's waiting steps other than `except` number `n`; returns them. */
export async function waitingSteps(c: ImagebuilderClient, imageArn: string, n = 1, except?: string): Promise<WorkflowStepExecution[]> {
  let last: WorkflowStepExecution[] = [];
  for (let i = 0; i < 750; i++) {
    last = ((await c.send(new ListWaitingWorkflowStepsCommand({}))).steps ?? []).filter(
      (s) => s.imageBuildVersionArn === imageArn && s.stepExecutionId !== except,
    );
    if (last.length === n) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${imageArn}: expected ${n} waiting step(s), saw ${last.length}`);
}

/** The image's one waiting step (bounded poll). */
export async function waitingStep(c: ImagebuilderClient, imageArn: string, except?: string): Promise<WorkflowStepExecution> {
  return (await waitingSteps(c, imageArn, 1, except))[0]!;
}

/** Creates recipe `name` and its inputs, then an image with these workflows (and an execution role); its ARN. */
export async function imageWithWorkflows(c: ImagebuilderClient, name: string, workflows: WorkflowConfiguration[]): Promise<string> {
  const inputs = await buildInputs(c, name);
  return (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows }))).imageBuildVersionArn!;
}
