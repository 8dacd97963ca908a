// SSM PutParameter: creates a String, StringList or SecureString parameter or (with Overwrite)
// adds a version, through the same world write the engine's SSM step uses, so `aws:ec2:image`
// values must name an AMI the account can see and SecureString keys must exist.
import { writeParameter } from '../../cloud/simulated/ssm.js';
import type { ParamType } from '../../cloud/simulated/records.js';
import { WorldError, type WorldHandler } from '../world-call.js';

export const PutParameter: WorldHandler = async (input, call) => {
  const name = input.Name as string;
  const bare = name.replace(/^\//, '');
  if (/^(aws|ssm)/i.test(bare)) {
    throw new WorldError(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  const tags = input.Tags as { Key: string; Value: string }[] | undefined;
  if (tags !== undefined && input.Overwrite === true) {
    throw new WorldError(
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const rec = writeParameter(call.sim, call.scope, {
    name,
    value: input.Value as string,
    ...(input.Type !== undefined ? { type: input.Type as ParamType } : {}),
    ...(input.KeyId !== undefined ? { keyId: input.KeyId as string } : {}),
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
    ...(input.AllowedPattern !== undefined ? { allowedPattern: input.AllowedPattern as string } : {}),
    ...(input.DataType !== undefined ? { dataType: input.DataType as 'text' | 'aws:ec2:image' } : {}),
    ...(input.Overwrite === true ? { overwrite: true } : {}),
    ...(tags ? { tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) } : {}),
  });
  return { Version: rec.version, Tier: 'Standard' };
};
