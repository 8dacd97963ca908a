// setParameter: writes a given AMI id to an SSM parameter (overwriting it). No plan makes this
// step; rollback (src/beyond/rollback.ts) uses it to put an earlier image's AMI back.
import { nothingToCheck, type StepDefinition } from './contract.js';

export const setParameter: StepDefinition<'setParameter'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const { parameterName: name, value, dataType } = step.input;
    const { version } = await cx.cloud.ssm.putParameter(scope, { name, value, type: 'String', dataType, overwrite: true });
    return { done: true, output: { parameterName: name, value, version } };
  },
  check: nothingToCheck('no plan makes it; rollback plans it and checks the AMI itself'),
};
