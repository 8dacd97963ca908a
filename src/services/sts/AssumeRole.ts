// STS AssumeRole: the role must exist and trust the caller's account (as the engine's
// cross-account step checks it); the returned credentials act as that role in every service.
import type { WorldHandler } from '../world-call.js';
import { roleId, sessionSecret } from './session.js';

export const AssumeRole: WorldHandler = async (input, call) => {
  const out = await call.ports.sts.assumeRole(call.scope, {
    roleArn: input.RoleArn as string,
    roleSessionName: input.RoleSessionName as string,
    ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds as number } : {}),
  });
  return {
    Credentials: {
      AccessKeyId: out.credentials.accessKeyId,
      SecretAccessKey: sessionSecret(out.credentials.sessionToken),
      SessionToken: out.credentials.sessionToken,
      Expiration: new Date(out.credentials.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${roleId(out.scope.accountId, (input.RoleArn as string).replace(/^.*\//, ''))}:${String(input.RoleSessionName)}`,
      Arn: out.assumedRoleUser.arn,
    },
    PackedPolicySize: 0,
  };
};
