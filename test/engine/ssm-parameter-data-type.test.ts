// An SSM parameter configuration without dataType updates an existing parameter whatever its data
// type (the request names none, so SSM keeps the parameter's own), and creates a new one as
// `text`; one that names a different data type than the existing parameter fails that job with
// SSM's refusal and leaves the parameter as it was. Checked over the wire with the SDK's SSMClient.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, SOURCE_AMI, testWorld } from '../helpers/world.js';

let srv: TestServer;
let ssm: SSMClient;
before(async () => {
  srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 5 } });
  ssm = new SSMClient({ endpoint: srv.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: OWNER, secretAccessKey: 'x' } });
  await ssm.send(new PutParameterCommand({ Name: '/golden/ec2-typed', Value: SOURCE_AMI, Type: 'String', DataType: 'aws:ec2:image' }));
});
after(() => srv.close());

async function distribute(name: string, ssmParameterConfigurations: { parameterName: string; dataType?: 'text' | 'aws:ec2:image' }[]) {
  const c = srv.client();
  const distributions = [{ region: 'us-east-1', amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}` }, ssmParameterConfigurations }];
  const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name, distributions }))).distributionConfigurationArn!;
  const { imageBuildVersionArn } = await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
  return waitForImage(c, imageBuildVersionArn!);
}

describe('SSM parameter data types in a distribution', () => {
  it('without dataType: the existing aws:ec2:image parameter gets the new AMI and keeps its type; a new one is text', async () => {
    const image = await distribute('untyped', [{ parameterName: '/golden/ec2-typed' }, { parameterName: '/golden/new-untyped' }]);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const ami = image.outputResources!.amis![0]!.image!;
    const typed = (await ssm.send(new GetParameterCommand({ Name: '/golden/ec2-typed' }))).Parameter!;
    assert.deepEqual([typed.Value, typed.DataType, typed.Version], [ami, 'aws:ec2:image', 2]);
    const fresh = (await ssm.send(new GetParameterCommand({ Name: '/golden/new-untyped' }))).Parameter!;
    assert.deepEqual([fresh.Value, fresh.DataType], [ami, 'text']);
  });

  it('naming another data type than the existing parameter fails that job and leaves the parameter unchanged', async () => {
    const before = (await ssm.send(new GetParameterCommand({ Name: '/golden/ec2-typed' }))).Parameter!;
    const image = await distribute('retyped', [{ parameterName: '/golden/ec2-typed', dataType: 'text' }]);
    assert.equal(image.state?.status, 'FAILED');
    assert.match(image.state?.reason ?? '', /data type of parameter \/golden\/ec2-typed is aws:ec2:image and can't be changed to text/);
    assert.equal(image.outputResources?.amis?.length, 1, 'the AMI itself arrived');
    const after = (await ssm.send(new GetParameterCommand({ Name: '/golden/ec2-typed' }))).Parameter!;
    assert.deepEqual([after.Value, after.DataType, after.Version], [before.Value, 'aws:ec2:image', before.Version]);
  });
});
