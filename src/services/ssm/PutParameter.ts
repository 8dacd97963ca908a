// SSM PutParameter: creates or (with Overwrite) updates a String parameter through the port the
// engine's SSM step uses, so `aws:ec2:image` values must name an AMI the account can see.
import { WorldError, type WorldHandler } from '../context.js';

export const PutParameter: WorldHandler = async (input, call) => {
  const name = input.Name as string;
  const bare = name.replace(/^\//, '');
  if (/^(aws|ssm)/i.test(bare)) {
    throw new WorldError('ValidationException', 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_');
  }
  if (input.Tags !== undefined && input.Overwrite === true) {
    throw new WorldError('ValidationException', "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.");
  }
  const type = (input.Type as string | undefined) ?? 'String';
  if (type !== 'String') throw new WorldError('UnsupportedParameterType', `ibex's simulated Parameter Store models String parameters only (got ${type}).`);
  const { version } = await call.ports.ssm.putParameter(call.scope, {
    name,
    value: input.Value as string,
    type: 'String',
    ...(input.DataType !== undefined ? { dataType: input.DataType as 'text' | 'aws:ec2:image' } : {}),
    ...(input.Overwrite === true ? { overwrite: true } : {}),
  });
  return { Version: version, Tier: 'Standard' };
};
