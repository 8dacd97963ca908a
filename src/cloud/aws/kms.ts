// The KMS port over the AWS SDK.
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { KmsPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

export function awsKms(clients: AwsClients): KmsPort {
  return {
    async describeKey(scope, input) {
      const out = await call('kms', async () =>
        (await clients.get('kms', scope, (c) => new KMSClient(c))).send(new DescribeKeyCommand({ KeyId: input.keyId })),
      );
      const m = out.KeyMetadata ?? { KeyId: input.keyId };
      return {
        keyMetadata: {
          keyId: m.KeyId ?? '',
          arn: m.Arn ?? '',
          awsAccountId: m.AWSAccountId ?? '',
          // The port models usable keys; a disabled key fails where it is used.
          keyState: 'Enabled',
          keyManager: m.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
        },
      };
    },
  };
}
