// The SSM Parameter Store port over the AWS SDK.
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { CloudScope, SsmPort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

export function awsSsm(clients: AwsClients): SsmPort {
  const send = <T>(scope: CloudScope, f: (c: SSMClient) => Promise<T>): Promise<T> =>
    call('ssm', async () => f(await clients.get('ssm', scope, (c) => new SSMClient(c))));
  return {
    async putParameter(scope, input) {
      const out = await send(scope, (c) =>
        c.send(
          new PutParameterCommand({
            Name: input.name,
            Value: input.value,
            Type: input.type ?? 'String',
            ...(input.dataType !== undefined ? { DataType: input.dataType } : {}),
            ...(input.overwrite !== undefined ? { Overwrite: input.overwrite } : {}),
          }),
        ),
      );
      return { version: out.Version ?? 0 };
    },
    async getParameter(scope, input) {
      const out = await send(scope, (c) => c.send(new GetParameterCommand({ Name: input.name })));
      const p = out.Parameter ?? {};
      return {
        parameter: {
          name: p.Name ?? input.name,
          type: 'String',
          value: p.Value ?? '',
          version: p.Version ?? 0,
          dataType: p.DataType === 'aws:ec2:image' ? 'aws:ec2:image' : 'text',
          lastModifiedDate: p.LastModifiedDate ? p.LastModifiedDate.toISOString() : '',
        },
      };
    },
  };
}
