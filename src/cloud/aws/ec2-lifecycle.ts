// The EC2 AMI lifecycle calls over the AWS SDK (deprecation, disable/enable, snapshot deletion,
// tag removal):
// what lifecycle executions do to output AMIs when ibex runs with `--cloud aws`.
import {
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  EC2Client,
  EnableImageCommand,
  EnableImageDeprecationCommand,
} from '@aws-sdk/client-ec2';
import type { CloudScope, Ec2LifecyclePort } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

export function awsEc2Lifecycle(clients: AwsClients): Ec2LifecyclePort {
  const send = <T>(scope: CloudScope, f: (c: EC2Client) => Promise<T>): Promise<T> =>
    call('ec2', async () => f(await clients.get('ec2', scope, (c) => new EC2Client(c))));
  return {
    async enableImageDeprecation(scope, input) {
      await send(scope, (c) => c.send(new EnableImageDeprecationCommand({ ImageId: input.imageId, DeprecateAt: new Date(input.deprecateAt) })));
    },
    async disableImageDeprecation(scope, input) {
      await send(scope, (c) => c.send(new DisableImageDeprecationCommand({ ImageId: input.imageId })));
    },
    async disableImage(scope, input) {
      await send(scope, (c) => c.send(new DisableImageCommand({ ImageId: input.imageId })));
    },
    async enableImage(scope, input) {
      await send(scope, (c) => c.send(new EnableImageCommand({ ImageId: input.imageId })));
    },
    async deleteSnapshot(scope, input) {
      await send(scope, (c) => c.send(new DeleteSnapshotCommand({ SnapshotId: input.snapshotId })));
    },
    async deleteTags(scope, input) {
      const Tags = input.tags.map((t) => ({ Key: t.key, ...(t.value !== undefined ? { Value: t.value } : {}) }));
      await send(scope, (c) => c.send(new DeleteTagsCommand({ Resources: input.resources, Tags })));
    },
  };
}
