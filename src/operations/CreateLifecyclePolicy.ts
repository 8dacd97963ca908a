// CreateLifecyclePolicy: stores a lifecycle policy (unique per normalised name) with its tags.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import { ResourceAlreadyExistsException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { assertPolicyValid, epochSeconds } from './lifecycle-policies.js';

export const CreateLifecyclePolicy: Handler<'CreateLifecyclePolicy'> = async (input, ctx) => {
  assertPolicyValid(input.resourceType, input.policyDetails, input.resourceSelection);
  const arn = imagebuilderArn(ctx.scope, 'lifecycle-policy', idFromName(input.name));
  const { lifecycle, tags, tx } = ctx.services;
  if (lifecycle.store.getPolicy(ctx.scope, arn)) throw new ResourceAlreadyExistsException(`The following resource 'LifecyclePolicy' already exists: '${arn}'.`);
  const response = { clientToken: input.clientToken, lifecyclePolicyArn: arn };
  // The policy, its tags and the client-token record: one transaction (idempotency.ts).
  tx(() => {
    lifecycle.store.putPolicy(ctx.scope, {
      arn,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      status: input.status ?? 'ENABLED',
      executionRole: input.executionRole,
      resourceType: input.resourceType,
      policyDetails: input.policyDetails,
      resourceSelection: input.resourceSelection,
      dateCreated: epochSeconds(ctx),
    });
    if (input.tags && Object.keys(input.tags).length) tags.set(ctx.scope, arn, input.tags);
    ctx.commitToken?.(response);
  });
  return response;
};
