// Regression (#20): a build whose AMI name is already taken in the build Region fails with EC2's
// InvalidAMIName.Duplicate, as on AWS — it must not adopt an earlier build's AMI or an unrelated
// AMI of that name (and rewrite its tags).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
// The build's AMI name is `handmade <year>` (a name must contain a build date); the year cannot
// change between here and the build unless the test runs across New Year's midnight.
const HANDMADE = `handmade ${new Date().getUTCFullYear()}`;
before(async () => {
  const w = buildWorld();
  // An AMI the account made itself, named as the next test's build will be.
  w.accounts!.find((a) => a.id === OWNER)!.images!.push({
    region: 'us-east-1',
    imageId: 'ami-0d0d0d0d0d0d0d0d0',
    name: HANDMADE,
    platform: 'Linux',
    tags: { Owner: 'ops' },
  });
  srv = await startTestServer({ worldSpec: w, runner: { pollMs: 5 }, buildPollMs: 5 });
});
after(() => srv.close());

const scope = { accountId: OWNER, region: 'us-east-1' };

describe('build AMI names (InvalidAMIName.Duplicate)', () => {
  it("fails the second build of a day with a date-only AMI name instead of reporting the first build's AMI", async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'daily', [
      { region: 'us-east-1', amiDistributionConfiguration: { name: 'daily {{ imagebuilder:buildDate:yyyyMMdd }}' } },
    ]);
    const first = await waitForImage(c, (await c.send(new CreateImageCommand(inputs))).imageBuildVersionArn!);
    assert.equal(first.state?.status, 'AVAILABLE', first.state?.reason);
    const firstAmi = first.outputResources!.amis![0]!.image!;
    const second = await waitForImage(c, (await c.send(new CreateImageCommand(inputs))).imageBuildVersionArn!);
    assert.equal(second.state?.status, 'FAILED');
    assert.match(second.state?.reason ?? '', /^Build failed: InvalidAMIName\.Duplicate: AMI name daily \d{8} is already in use by AMI ami-/);
    assert.deepEqual(second.outputResources?.amis ?? [], []);
    // The first build's AMI still carries only the first build's ARN.
    const { images } = await srv.world.ports.ec2.describeImages(scope, { imageIds: [firstAmi] });
    assert.equal(images[0]!.tags.find((t) => t.key === 'Ec2ImageBuilderArn')?.value, first.arn);
  });

  it('does not take over an unrelated AMI of the same name or touch its tags', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'handmade', [
      { region: 'us-east-1', amiDistributionConfiguration: { name: 'handmade {{ imagebuilder:buildDate:yyyy }}' } },
    ]);
    const image = await waitForImage(c, (await c.send(new CreateImageCommand(inputs))).imageBuildVersionArn!);
    assert.equal(image.state?.status, 'FAILED');
    assert.equal(image.state?.reason, `Build failed: InvalidAMIName.Duplicate: AMI name ${HANDMADE} is already in use by AMI ami-0d0d0d0d0d0d0d0d0`);
    const { images } = await srv.world.ports.ec2.describeImages(scope, { imageIds: ['ami-0d0d0d0d0d0d0d0d0'] });
    assert.deepEqual(images[0]!.tags, [{ key: 'Owner', value: 'ops' }]);
  });
});
