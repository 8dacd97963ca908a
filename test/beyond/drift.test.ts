// Drift detection and repair in the simulated world: after a distribution, the world is changed by
// hand in each of the six ways (copy deregistered, launch permission removed and added, template
// default moved, SSM parameter overwritten, export object deleted, ECR tag moved); GET /_ibex/drift
// and `ibex drift` report each with its cause, and `ibex drift --repair --wait` runs exactly the
// jobs that restore them, after which nothing drifts and nothing was copied twice.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateInfrastructureConfigurationCommand,
  DistributeImageCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { runCli } from '../cli/run-cli.js';
import { A1, A2, A3, BUCKET, OWNER, OWNER_LT, SOURCE_AMI, beyondWorld, memberLt } from './world.js';
import { amisOf, call, type WorldImage } from './api.js';

let srv: TestServer;
let imageArn: string;
const east = { accountId: OWNER, region: 'us-east-1' };
const LT = OWNER_LT['us-east-1'];
const PARAM = '/beyond/latest';

type Report = {
  drift: { kind: string; region: string; accountId: string; resource: string; cause: string; repairJob: string }[];
  checked: number;
  unchecked: unknown[];
  repair: { jobs: string[] };
  runId?: string;
};
const drift = async (arn = imageArn) => call<Report>(srv.url, 'GET', `/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(arn)}`);

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld(), buildPollMs: 5, runner: { pollMs: 5 }, followIntervalMs: 0 });
  const c = srv.client();
  const { distributionConfigurationArn } = await c.send(
    new CreateDistributionConfigurationCommand({
      name: 'drifting',
      distributions: [
        {
          region: 'us-east-1',
          amiDistributionConfiguration: { name: 'd-east {{ imagebuilder:buildDate }}', targetAccountIds: [A1], launchPermission: { userIds: [A2] } },
          launchTemplateConfigurations: [{ launchTemplateId: LT }],
          ssmParameterConfigurations: [{ parameterName: PARAM }],
          s3ExportConfiguration: { roleName: 'vmimport', diskImageFormat: 'RAW', s3Bucket: BUCKET },
        },
        {
          region: 'us-west-2',
          amiDistributionConfiguration: { name: 'd-west {{ imagebuilder:buildDate }}', targetAccountIds: [A1] },
          launchTemplateConfigurations: [{ launchTemplateId: memberLt(1), accountId: A1 }],
        },
      ],
    }),
  );
  imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn, executionRole: 'r' }))).imageBuildVersionArn!;
  const image = await waitForImage(c, imageArn);
  assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
});
after(() => srv.close());

const world = async () =>
  (
    await call<{
      images: WorldImage[];
      launchTemplates: { launchTemplateId: string; defaultVersion: number; versions: { versionNumber: number; imageId?: string }[] }[];
      ssmParameters: { accountId: string; region: string; name: string; value: string }[];
      s3Objects: { bucket: string; key: string }[];
    }>(srv.url, 'GET', '/_ibex/world')
  ).body;
const live = (w: Awaited<ReturnType<typeof world>>, accountId: string, region: string) =>
  w.images.find((i) => i.tags.Ec2ImageBuilderArn === imageArn && i.accountId === accountId && i.region === region && i.state !== 'deregistered')!;

describe('drift detection and repair', () => {
  it('reports no drift right after the distribution', async () => {
    const r = await drift();
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.drift, []);
    assert.deepEqual(r.body.unchecked, []);
    // Four AMI jobs, launch permissions, two templates, the parameter and the export.
    assert.equal(r.body.checked, 9);
  });

  it('reports each change made by hand with its cause, and --repair restores exactly those', async () => {
    const ports = srv.world.ports;
    let w = await world();
    const ownerEast = live(w, OWNER, 'us-east-1').imageId;
    const a1West = live(w, A1, 'us-west-2').imageId;
    await ports.ec2.deregisterImage({ accountId: A1, region: 'us-west-2' }, { imageId: a1West });
    await ports.ec2.modifyImageAttribute(east, { imageId: ownerEast, launchPermission: { remove: [{ userId: A2 }], add: [{ userId: A3 }] } });
    await ports.ec2.modifyLaunchTemplate(east, { launchTemplateId: LT, defaultVersion: '1' });
    await ports.ssm.putParameter(east, { name: PARAM, value: SOURCE_AMI, overwrite: true });
    const exported = w.s3Objects.find((o) => o.bucket === BUCKET)!;
    await ports.s3.deleteObject(east, { bucket: BUCKET, key: exported.key });

    const r = await drift();
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.drift.map((d) => `${d.region} ${d.accountId} ${d.kind} ${d.resource}`),
      [
        `us-east-1 ${OWNER} exportObjectGone s3://${BUCKET}/${exported.key}`,
        `us-east-1 ${OWNER} launchPermissionAdded ${A3}`,
        `us-east-1 ${OWNER} launchPermissionRemoved ${A2}`,
        `us-east-1 ${OWNER} launchTemplateDefaultMoved ${LT}`,
        `us-east-1 ${OWNER} ssmParameterOverwritten ${PARAM}`,
        `us-west-2 ${A1} copyDeregistered ${a1West}`,
      ],
    );
    const cause = (k: string) => r.body.drift.find((d) => d.kind === k)!.cause;
    assert.equal(cause('copyDeregistered'), `AMI ${a1West} of account ${A1} in us-west-2 was deregistered after the distribution delivered it.`);
    assert.equal(cause('launchTemplateDefaultMoved'), `The default version of launch template ${LT} of account ${OWNER} in us-east-1 was moved from 2 to 1.`);
    assert.equal(cause('ssmParameterOverwritten'), `SSM parameter ${PARAM} of account ${OWNER} in us-east-1 was overwritten after the distribution wrote it.`);
    assert.deepEqual(r.body.repair.jobs, [
      `ami:us-west-2:${A1}`,
      'launchPermission:us-east-1',
      'launchPermission:us-east-1:revoke',
      `launchTemplate:us-east-1:${OWNER}:${LT}`,
      's3Export:us-east-1',
      `ssmParameter:us-east-1:${OWNER}:${PARAM}`,
    ]);

    const shown = await runCli(['drift', '-i', imageArn, '--endpoint-url', srv.url]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`us-west-2 / account ${A1}\\n\\s+KIND\\s+RESOURCE\\s+CAUSE\\n\\s+copyDeregistered\\s+${a1West}\\s+AMI ${a1West}`));
    assert.match(shown.stdout, /6 drifted; repair would run 6 job\(s\)/);

    const repaired = await runCli(['drift', '-i', imageArn, '--repair', '--wait', '--endpoint-url', srv.url]);
    assert.equal(repaired.code, 0, repaired.stderr + repaired.stdout);
    assert.match(repaired.stdout, /repair run [0-9a-f-]{36}: ami:us-west-2:111111111111, launchPermission:us-east-1, /);
    assert.match(repaired.stdout, /^repair succeeded$/m);

    const after = await drift();
    assert.deepEqual(after.body.drift, []);
    w = await world();
    const ownerNow = live(w, OWNER, 'us-east-1');
    assert.equal(ownerNow.imageId, ownerEast, 'the owner AMI was not copied again');
    assert.deepEqual(ownerNow.launchPermissions.userIds.sort(), [A1, A2].sort());
    assert.equal(w.ssmParameters.find((p) => p.accountId === OWNER && p.name === PARAM)!.value, ownerEast);
    const t = w.launchTemplates.find((x) => x.launchTemplateId === LT)!;
    assert.equal(t.versions.find((v) => v.versionNumber === t.defaultVersion)!.imageId, ownerEast);
    assert.equal(w.s3Objects.filter((o) => o.bucket === BUCKET).length, 1, 'one export object again');
    // Exactly one live AMI per Region and account: only A1's us-west-2 copy was made again.
    assert.deepEqual(await amisOf(srv.url, imageArn), { [`us-east-1/${OWNER}`]: 1, [`us-east-1/${A1}`]: 1, [`us-west-2/${OWNER}`]: 1, [`us-west-2/${A1}`]: 1 });
    assert.notEqual(live(w, A1, 'us-west-2').imageId, a1West);
  });

  it('reports an ECR tag moved by hand and repair moves it back (a container image built through the API)', async () => {
    const c = srv.client();
    const scope = { accountId: OWNER, region: 'us-east-1' };
    const recipe = await c.send(
      new CreateContainerRecipeCommand({
        name: 'app',
        semanticVersion: '1.0.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
        targetRepository: { service: 'ECR', repositoryName: 'app' },
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1' }],
      }),
    );
    const infra = await c.send(new CreateInfrastructureConfigurationCommand({ name: 'app-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }));
    const dist = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'app-containers',
        distributions: [
          {
            region: 'us-east-1',
            containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'app' }, containerTags: ['stable', 'prod'] },
          },
        ],
      }),
    );
    const arn = (
      await c.send(
        new CreateImageCommand({
          containerRecipeArn: recipe.containerRecipeArn,
          infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
          distributionConfigurationArn: dist.distributionConfigurationArn,
        }),
      )
    ).imageBuildVersionArn!;
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const digestOf = async (tag: string) =>
      (await srv.world.ports.ecr.describeImages(scope, { repositoryName: 'app', imageIds: [{ imageTag: tag }] })).imageDetails[0]!.imageDigest;
    const pushed = await digestOf('stable');
    assert.equal(await digestOf('prod'), pushed);
    assert.deepEqual((await drift(arn)).body.drift, []);
    // Someone moves one tag to another image by hand.
    const other = await srv.world.ports.ecr.putImage(scope, {
      repositoryName: 'app',
      imageManifest: JSON.stringify({ schemaVersion: 2, layers: [{ digest: 'sha256:other' }] }),
      imageTag: 'stable',
    });
    const r = await drift(arn);
    assert.deepEqual(
      r.body.drift.map((d) => [d.kind, d.resource, d.cause]),
      [['ecrTagMoved', 'app:stable', `ECR tag app:stable in us-east-1 was moved to ${other.image.imageId.imageDigest}.`]],
    );
    const rep = await runCli(['drift', '-i', arn, '--repair', '--wait', '--json', '--endpoint-url', srv.url]);
    assert.equal(rep.code, 0, rep.stderr + rep.stdout);
    const out = JSON.parse(rep.stdout) as Report & { run: { status: string } };
    assert.deepEqual(out.repair.jobs, ['pushContainer:us-east-1']);
    assert.equal(out.run.status, 'succeeded');
    assert.deepEqual([await digestOf('stable'), await digestOf('prod')], [pushed, pushed]);
    assert.deepEqual((await drift(arn)).body.drift, []);
  });

  it('answers 400 and 404 for a missing or unknown image', async () => {
    const none = await call<{ message: string }>(srv.url, 'GET', '/_ibex/drift');
    assert.equal(none.status, 400);
    assert.match(none.body.message, /^imageBuildVersionArn is required/);
    const unknown = `arn:aws:imagebuilder:us-east-1:${OWNER}:image/nope/1.0.0/1`;
    const nf = await call<{ __type: string; message: string }>(srv.url, 'POST', '/_ibex/drift/repair', { imageBuildVersionArn: unknown });
    assert.equal(nf.status, 404);
    assert.deepEqual(nf.body, { __type: 'ResourceNotFoundException', message: `The resource '${unknown}' does not exist.` });
  });
});
