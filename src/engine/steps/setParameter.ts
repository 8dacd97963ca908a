// setParameter: writes a given AMI id to an SSM parameter (overwriting it). No plan makes this
// step; rollback (src/beyond/rollback.ts) uses it to put an earlier image's AMI back.
import type { StepHandler } from './context.js';

export const setParameter: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const name = step.input.parameterName as string;
  const value = step.input.value as string;
  const { version } = await cx.cloud.ssm.putParameter(scope, { name, value, type: 'String', dataType: step.input.dataType as 'text' | 'aws:ec2:image', overwrite: true });
  return { done: true, output: { parameterName: name, value, version } };
};
