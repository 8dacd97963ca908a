// ListImages, ListImageBuildVersions and DeleteImage: owners (Self, Amazon), filters, byName with a
// version filter (AWS's InvalidParameterCombinationException), build versions, and a delete that
// removes the record but leaves the AMIs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateImageCommand, DeleteImageCommand, GetImageCommand, ListImageBuildVersionsCommand, ListImagesCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { LINUX_PARENT, buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
let built: string[] = [];
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5 });
  const c = srv.client();
  const inputs = await buildInputs(c, 'listed');
  built = [];
  for (let i = 0; i < 2; i++) built.push((await c.send(new CreateImageCommand(inputs))).imageBuildVersionArn!);
  for (const a of built) await waitForImage(c, a);
});
after(() => srv.close());

describe('ListImages', () => {
  it('lists the caller image versions once per version (serialization)', async () => {
    const out = await srv.client().send(new ListImagesCommand({}));
    assert.deepEqual(out.imageVersionList, [
      {
        arn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/listed/1.0.0`,
        name: 'listed',
        type: 'AMI',
        version: '1.0.0',
        platform: 'Linux',
        osVersion: 'Amazon Linux',
        owner: OWNER,
        dateCreated: out.imageVersionList![0]!.dateCreated,
        buildType: 'USER_INITIATED',
        imageSource: 'CUSTOM',
      },
    ]);
  });

  it('lists Amazon-managed images with owner Amazon', async () => {
    const out = await srv.client().send(
      new ListImagesCommand({
        owner: 'Amazon',
        filters: [
          { name: 'platform', values: ['Linux'] },
          { name: 'type', values: ['AMI'] },
        ],
      }),
    );
    assert.deepEqual(
      out.imageVersionList?.map((v) => [v.arn, v.owner, v.imageSource]),
      [['arn:aws:imagebuilder:us-east-1:aws:image/al2023-ami/2023.6.20250101', 'Amazon', 'AMAZON_MANAGED']],
    );
  });

  it('rejects byName with a version filter, with AWS message (validation)', async () => {
    const e = await errorOf(() => srv.client().send(new ListImagesCommand({ byName: true, filters: [{ name: 'version', values: ['1.0.0'] }] })));
    assert.equal(e.name, 'InvalidParameterCombinationException');
    assert.equal(
      e.message,
      "The value supplied for parameter 'filters' is not valid. You cannot list Images by name and filter by version in the same request.",
    );
  });
});

describe('ListImageBuildVersions and DeleteImage', () => {
  it('lists the builds of a version newest first', async () => {
    const out = await srv.client().send(new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/listed/1.0.0` }));
    assert.deepEqual(
      out.imageSummaryList?.map((s) => s.version),
      ['1.0.0/2', '1.0.0/1'],
    );
    assert.ok(out.imageSummaryList!.every((s) => s.state?.status === 'AVAILABLE' && s.outputResources?.amis?.length === 1));
    const amazon = await srv
      .client()
      .send(new ListImageBuildVersionsCommand({ imageVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:image/al2023-ami/2023.6.20250101' }));
    assert.equal(amazon.imageSummaryList?.[0]?.outputResources?.amis?.[0]?.image, LINUX_PARENT);
  });

  it('deletes the record and leaves the AMI in the world', async () => {
    const c = srv.client();
    const { image } = await c.send(new GetImageCommand({ imageBuildVersionArn: built[0] }));
    const ami = image!.outputResources!.amis![0]!.image!;
    const out = await c.send(new DeleteImageCommand({ imageBuildVersionArn: built[0] }));
    assert.equal(out.imageBuildVersionArn, built[0]);
    assert.equal((await errorOf(() => c.send(new GetImageCommand({ imageBuildVersionArn: built[0] })))).name, 'ResourceNotFoundException');
    assert.equal(srv.world.snapshot().images.find((i) => i.imageId === ami)?.state, 'available');
    assert.equal((await errorOf(() => c.send(new DeleteImageCommand({ imageBuildVersionArn: built[0] })))).name, 'ResourceNotFoundException');
  });
});
