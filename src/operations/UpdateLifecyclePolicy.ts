// UpdateLifecyclePolicy: replaces a policy's settings (AWS's updates are full replacements); the
// resource type cannot change. Disabling a policy stops its pending execution from resuming.
import { InvalidParameterCombinationException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { assertPolicyValid, epochSeconds, loadPolicy } from './lifecycle-policies.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const UpdateLifecyclePolicy: Handler<'UpdateLifecyclePolicy'> = async (input, ctx) => {
  const prev = loadPolicy(ctx, input.lifecyclePolicyArn);
  if (input.resourceType !== prev.resourceType) {
    throw new InvalidParameterCombinationException(
      invalidParameter('resourceType', `The resource type of a lifecycle policy cannot change (it is ${prev.resourceType}).`),
    );
  }
  assertPolicyValid(input.resourceType, input.policyDetails, input.resourceSelection);
  const { description: _d, ...kept } = prev;
  ctx.services.lifecycle.store.putPolicy(ctx.scope, {
    ...kept,
    ...(input.description !== undefined ? { description: input.description } : {}),
    status: input.status ?? 'ENABLED',
    executionRole: input.executionRole,
    policyDetails: input.policyDetails,
    resourceSelection: input.resourceSelection,
    dateUpdated: epochSeconds(ctx),
  });
  return { lifecyclePolicyArn: prev.arn };
};
