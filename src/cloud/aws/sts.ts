// The STS port over the AWS SDK. An assumed role's scope carries its credentials, so later calls
// act as the role; the adapter renews them by assuming the role again before they expire.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import type { AssumedRoleCredentials, CloudScope, StsPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

/** Default session length: an hour, renewed as needed. */
const DEFAULT_DURATION_S = 3600;

export function awsSts(clients: AwsClients): StsPort {
  const sts = (scope: CloudScope, region: string) => clients.get('sts', scope, (c) => new STSClient(c), region);
  const assume = async (scope: CloudScope, region: string, roleArn: string, roleSessionName: string, durationSeconds: number) =>
    call('sts', async () =>
      (await sts(scope, region)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: roleSessionName, DurationSeconds: durationSeconds })),
    );
  return {
    async assumeRole(scope, input) {
      const region = input.region ?? scope.region;
      const duration = input.durationSeconds ?? DEFAULT_DURATION_S;
      const out = await assume(scope, scope.region, input.roleArn, input.roleSessionName, duration);
      const credentials = toCredentials(out.Credentials);
      clients.registerSession(credentials, async () =>
        toCredentials((await assume(scope, scope.region, input.roleArn, input.roleSessionName, duration)).Credentials),
      );
      const arn = out.AssumedRoleUser?.Arn ?? '';
      // arn:aws:sts::<account>:assumed-role/<role>/<session>; the role ARN names the same account.
      const accountId = arn.split(':')[4] || input.roleArn.split(':')[4] || scope.accountId;
      return {
        credentials,
        assumedRoleUser: { arn, assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '' },
        scope: { accountId, region, credentials },
      };
    },
    async getCallerIdentity(scope) {
      const out = await call('sts', async () => (await sts(scope, scope.region)).send(new GetCallerIdentityCommand({})));
      return { account: out.Account ?? '', arn: out.Arn ?? '' };
    },
  };
}

function toCredentials(c: Credentials | undefined): AssumedRoleCredentials {
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
    expiration: (c?.Expiration ?? new Date(Date.now() + DEFAULT_DURATION_S * 1000)).toISOString(),
  };
}
