// STS GetCallerIdentity: who the credentials are — the account's root, or an assumed role's
// session. Never denied.
import type { WorldHandler } from '../world-call.js';
import { roleId } from './session.js';

export const GetCallerIdentity: WorldHandler = async (_input, call) => {
  const { account, arn } = await call.ports.sts.getCallerIdentity(call.scope);
  const session = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  return { Account: account, Arn: arn, UserId: session ? `${roleId(account, session[1]!)}:${session[2]}` : account };
};
