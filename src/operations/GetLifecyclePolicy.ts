// GetLifecyclePolicy: one lifecycle policy with its tags (dates are epoch-second timestamps).
import type { Handler } from './handler.js';
import { loadPolicy, toPolicy } from './lifecycle-policies.js';

export const GetLifecyclePolicy: Handler<'GetLifecyclePolicy'> = async (input, ctx) => ({
  lifecyclePolicy: toPolicy(ctx, loadPolicy(ctx, input.lifecyclePolicyArn)),
});
