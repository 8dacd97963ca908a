// ssmParameter: writes the AMI id of the chosen account (amiAccountId, else the owner) to the
// parameter in that account and Region, creating or overwriting it.
import { CROSS_ACCOUNT_ROLE } from '../roles.js';
import { assertPlannable, imageFrom, type StepDefinition } from './contract.js';

export const ssmParameter: StepDefinition<'ssmParameter'> = {
  async run(step, cx) {
    assertPlannable(step.input);
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const name = step.input.parameterName;
    const { version } = await cx.cloud.ssm.putParameter(scope, { name, value: imageId, type: 'String', dataType: step.input.dataType, overwrite: true });
    return { done: true, output: { parameterName: name, value: imageId, version } };
  },
  // PutParameter has no DryRun and SSM has no read gated like it: the role's permission cannot be
  // checked without writing the parameter.
  async check(step, c) {
    if (step.accountId !== c.owner.accountId) {
      c.warn(
        `SSM PutParameter has no DryRun: the preflight cannot check that ${CROSS_ACCOUNT_ROLE} in account ${step.accountId} allows ssm:PutParameter on ${step.input.parameterName} in ${step.region}.`,
      );
    }
  },
};
