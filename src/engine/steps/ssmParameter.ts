// ssmParameter: writes the AMI id of the chosen account (amiAccountId, else the owner) to the
// parameter in that account and Region, creating or overwriting it.
import { assertPlannable, imageFrom, type StepHandler } from './context.js';

export const ssmParameter: StepHandler = async (step, cx) => {
  assertPlannable(step);
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const name = step.input.parameterName as string;
  const { version } = await cx.cloud.ssm.putParameter(scope, {
    name,
    value: imageId,
    type: 'String',
    dataType: step.input.dataType as 'text' | 'aws:ec2:image',
    overwrite: true,
  });
  return { done: true, output: { parameterName: name, value: imageId, version } };
};
