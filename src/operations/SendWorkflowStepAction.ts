// SendWorkflowStepAction: answers a step waiting at a WaitForAction. RESUME completes it and the
// workflow goes on; STOP fails it with the reason, and the step's onFailure decides the rest
// (Abort: the workflow and the image fail with the reason). The step must belong to the image
// named and still be WAITING.
import { InvalidParameterValueException, InvalidRequestException, ResourceNotFoundException } from '../model/generated/errors.js';
import { loadImage } from '../app/images.js';
import type { Handler } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const SendWorkflowStepAction: Handler<'SendWorkflowStepAction'> = async (input, ctx) => {
  const { store, engine } = ctx.services.workflows;
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  const step = store.getStep(ctx.scope, input.stepExecutionId);
  const exec = step && store.getExecution(ctx.scope, step.executionId);
  if (!step || !exec) throw new ResourceNotFoundException(`The workflow step execution '${input.stepExecutionId}' does not exist.`);
  if (exec.imageArn !== image.arn) {
    throw new InvalidParameterValueException(
      invalidParameter('imageBuildVersionArn', `The workflow step execution '${input.stepExecutionId}' belongs to the image '${exec.imageArn}'.`),
    );
  }
  if (step.status !== 'WAITING') {
    throw new InvalidRequestException(
      `The workflow step execution '${input.stepExecutionId}' is ${step.status}; only a WAITING step can be resumed or stopped.`,
    );
  }
  engine.sendAction(ctx.scope, step, input.action, input.reason);
  return { stepExecutionId: input.stepExecutionId, imageBuildVersionArn: image.arn, clientToken: input.clientToken };
};
