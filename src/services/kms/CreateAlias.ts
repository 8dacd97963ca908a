// KMS CreateAlias: names one of the caller's keys; `alias/aws/` is reserved for AWS.
import { WorldError, type WorldHandler } from '../world-call.js';
import { kmsEnter, ownKey } from './keys.js';

export const CreateAlias: WorldHandler = async (input, call) => {
  const ctx = kmsEnter(call, 'CreateAlias');
  const alias = input.AliasName as string;
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(alias))
    throw new WorldError(
      'ValidationException',
      `Alias must start with the prefix "alias/" and contain only alphanumeric characters, '/', '_' or '-': ${alias}`,
    );
  if (alias.startsWith('alias/aws/')) throw new WorldError('InvalidAliasNameException', `Cannot create alias with the reserved prefix 'alias/aws/': ${alias}`);
  const st = call.sim.state;
  if (st.keyIdForAlias(ctx.accountId, ctx.region, alias)) {
    throw new WorldError('AlreadyExistsException', `An alias with the name arn:aws:kms:${ctx.region}:${ctx.accountId}:${alias} already exists`);
  }
  const key = ownKey(call, ctx, input.TargetKeyId as string);
  st.putKey({ ...key, aliases: [...key.aliases, alias] });
  return {};
};
