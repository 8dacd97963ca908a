// Lifecycle policies end to end through the SDK: an AGE policy, after the world's clock moves,
// deprecates and then deletes the AMIs (and snapshots) of old images in two Regions and in a
// target account, keeps the excluded and retainAtLeast images, and records every resource.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelLifecycleExecutionCommand,
  CreateDistributionConfigurationCommand,
  CreateLifecyclePolicyCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetLifecycleExecutionCommand,
  ListLifecycleExecutionResourcesCommand,
  ListLifecycleExecutionsCommand,
  StartResourceStateUpdateCommand,
  type LifecycleExecutionResource,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { LIFECYCLE_ROLE, LIFECYCLE_ROLE_PERMISSIONS } from '../../src/cloud/simulated/ec2-lifecycle.js';

let srv: TestServer;

function world() {
  const w = testWorld();
  w.accounts = w.accounts!.map((a) =>
    a.id === TARGET ? { ...a, roles: [...(a.roles ?? []), { name: LIFECYCLE_ROLE, trustedAccounts: [OWNER], permissions: LIFECYCLE_ROLE_PERMISSIONS }] } : a,
  );
  return w;
}

async function admin(path: string, body: unknown): Promise<Record<string, any>> {
  const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as Record<string, any>;
  assert.equal(r.status, 200, JSON.stringify(json));
  return json;
}

interface WorldImage {
  imageId: string;
  accountId: string;
  region: string;
  state: string;
  deprecationTime: string | null;
  snapshot: { snapshotId: string; state: string };
  tags: Record<string, string>;
}
async function worldImages(): Promise<Map<string, WorldImage>> {
  const snap = (await (await fetch(`${srv.url}/_ibex/world`)).json()) as { images: WorldImage[] };
  return new Map(snap.images.map((i) => [i.imageId, i]));
}

let config = '';
async function image(tags: Record<string, string>): Promise<{ arn: string; amis: { image: string; region: string; accountId: string }[] }> {
  const out = await srv
    .client()
    .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: config, executionRole: 'ImageBuilderRole', tags }));
  const img = await waitForImage(srv.client(), out.imageBuildVersionArn!);
  assert.equal(img.state?.status, 'AVAILABLE', img.state?.reason);
  return {
    arn: out.imageBuildVersionArn!,
    amis: img.outputResources!.amis!.map((a) => ({ image: a.image!, region: a.region!, accountId: a.accountId ?? OWNER })),
  };
}

before(async () => {
  srv = await startTestServer({ worldSpec: world(), runner: { pollMs: 5 }, logLevel: process.env.IBEX_LOG ?? 'silent' });
  const out = await srv.client().send(
    new CreateDistributionConfigurationCommand({
      name: 'lifecycle',
      distributions: [
        { region: 'us-east-1', amiDistributionConfiguration: { name: 'lc {{ imagebuilder:buildDate }}' } },
        { region: 'us-west-2', amiDistributionConfiguration: { name: 'lc {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
      ],
    }),
  );
  config = out.distributionConfigurationArn!;
});
after(() => srv.close());

async function finished(id: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const { lifecycleExecution } = await srv.client().send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: id }));
    const s = lifecycleExecution!.state!.status!;
    if (!['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(s)) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`execution ${id} did not finish`);
}

async function resources(id: string, parent?: string): Promise<LifecycleExecutionResource[]> {
  const out = await srv
    .client()
    .send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id, ...(parent ? { parentResourceId: parent } : {}) }));
  return out.resources ?? [];
}

describe('lifecycle executions', () => {
  it('deprecates, then deletes, old images in two Regions and a target account; keeps excluded and retainAtLeast images', async () => {
    const a = await image({ app: 'web' });
    const kept = await image({ app: 'web', keep: 'yes' });
    const b = await image({ app: 'web' });
    const newest = await image({ app: 'web' });
    const other = await image({ app: 'api' });
    // Owner copies in us-east-1 and us-west-2, and the target account's copy in us-west-2.
    assert.deepEqual(new Set(a.amis.map((m) => `${m.accountId}/${m.region}`)), new Set([`${OWNER}/us-east-1`, `${OWNER}/us-west-2`, `${TARGET}/us-west-2`]));

    const { lifecyclePolicyArn } = await srv.client().send(
      new CreateLifecyclePolicyCommand({
        name: 'web cleanup',
        executionRole: 'arn:aws:iam::123456789012:role/LifecycleRole',
        resourceType: 'AMI_IMAGE',
        resourceSelection: { tagMap: { app: 'web' } },
        policyDetails: [
          {
            action: { type: 'DEPRECATE', includeResources: { amis: true } },
            filter: { type: 'AGE', value: 30, unit: 'DAYS' },
            exclusionRules: { tagMap: { keep: 'yes' } },
          },
          {
            action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } },
            filter: { type: 'AGE', value: 90, unit: 'DAYS', retainAtLeast: 1 },
            exclusionRules: { tagMap: { keep: 'yes' } },
          },
        ],
      }),
    );
    assert.equal(lifecyclePolicyArn, 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/web-cleanup');

    // Nothing is old yet: an execution now touches nothing.
    const first = await admin('/_ibex/lifecycle/run', { lifecyclePolicyArn, wait: true });
    assert.equal(first.state.status, 'SUCCESS');
    assert.deepEqual(await resources(first.lifecycleExecutionId), []);

    // 40 days later: the DEPRECATE rule acts on every old image but the excluded one.
    const moved = await admin('/_ibex/clock', { advance: '40d' });
    assert.equal(moved.offsetMs >= 40 * 86_400_000, true);
    const run1 = await admin('/_ibex/lifecycle/run', { lifecyclePolicyArn, wait: true });
    assert.equal(await finished(run1.lifecycleExecutionId), 'SUCCESS');
    const r1 = await resources(run1.lifecycleExecutionId);
    const byArn = new Map(r1.map((r) => [r.resourceId, r]));
    for (const x of [a, b, newest]) {
      assert.equal(byArn.get(x.arn)?.action?.name, 'DEPRECATE');
      assert.equal(byArn.get(x.arn)?.state?.status, 'SUCCESS');
      const amis = await resources(run1.lifecycleExecutionId, x.arn);
      assert.deepEqual(new Set(amis.map((m) => m.resourceId)), new Set(x.amis.map((m) => m.image)));
      assert.ok(
        amis.every((m) => m.state?.status === 'SUCCESS'),
        JSON.stringify(amis),
      );
      assert.ok(
        amis.some((m) => m.accountId === TARGET),
        'the target account copy is recorded with its owner',
      );
      const got = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: x.arn }))).image!;
      assert.equal(got.state?.status, 'DEPRECATED');
    }
    assert.equal(byArn.get(kept.arn)?.state?.status, 'SKIPPED');
    assert.equal(byArn.has(other.arn), false, 'an image the policy does not select is not touched');
    let w = await worldImages();
    for (const m of a.amis) {
      assert.notEqual(w.get(m.image)!.deprecationTime, null);
      assert.equal(w.get(m.image)!.tags.DeprecatedBy, 'EC2 Image Builder');
    }
    for (const m of kept.amis) assert.equal(w.get(m.image)!.deprecationTime, null);

    // 100 days: the DELETE rule deregisters old images everywhere, except the newest (retainAtLeast 1).
    await admin('/_ibex/clock', { advance: '60d' });
    const run2 = await admin('/_ibex/lifecycle/run', { lifecyclePolicyArn, wait: true });
    assert.equal(await finished(run2.lifecycleExecutionId), 'SUCCESS');
    const r2 = new Map((await resources(run2.lifecycleExecutionId)).map((r) => [r.resourceId, r]));
    assert.equal(r2.get(a.arn)?.action?.name, 'DELETE');
    assert.equal(r2.get(b.arn)?.action?.name, 'DELETE');
    assert.equal(r2.has(newest.arn), false, 'the newest image fills the retainAtLeast slot');
    const deleted = await resources(run2.lifecycleExecutionId, a.arn);
    assert.equal(deleted.length, 3);
    for (const d of deleted) {
      assert.equal(d.state?.status, 'SUCCESS');
      assert.equal(d.snapshots?.length, 1);
      assert.equal(d.snapshots?.[0]?.state?.status, 'SUCCESS');
    }
    w = await worldImages();
    for (const m of [...a.amis, ...b.amis]) {
      assert.equal(w.get(m.image)!.state, 'deregistered', `${m.accountId}/${m.region}`);
      assert.equal(w.get(m.image)!.snapshot.state, 'deleted');
    }
    for (const m of [...newest.amis, ...kept.amis, ...other.amis]) assert.equal(w.get(m.image)!.state, 'available');
    for (const arn of [a.arn, b.arn]) {
      const err = await errorOf(() => srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn })));
      assert.equal(err.name, 'ResourceNotFoundException');
    }
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: newest.arn }))).image!.state?.status, 'DEPRECATED');
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: kept.arn }))).image!.state?.status, 'AVAILABLE');

    const listed = await srv.client().send(new ListLifecycleExecutionsCommand({ resourceArn: lifecyclePolicyArn }));
    assert.deepEqual(
      listed.lifecycleExecutions!.map((e) => e.lifecycleExecutionId),
      [run2.lifecycleExecutionId, run1.lifecycleExecutionId, first.lifecycleExecutionId],
    );
    assert.equal(listed.lifecycleExecutions![0]!.resourcesImpactedSummary?.hasImpactedResources, true);
  });

  it('disables an image and its AMIs everywhere through StartResourceStateUpdate, then makes them available again', async () => {
    const img = await image({ app: 'solo' });
    const { lifecycleExecutionId } = await srv.client().send(
      new StartResourceStateUpdateCommand({
        resourceArn: img.arn,
        state: { status: 'DISABLED' },
        executionRole: 'LifecycleRole',
        includeResources: { amis: true },
      }),
    );
    assert.match(lifecycleExecutionId!, /^lce-[0-9a-f-]{36}$/);
    assert.equal(await finished(lifecycleExecutionId!), 'SUCCESS');
    const w = await worldImages();
    for (const m of img.amis) assert.equal(w.get(m.image)!.state, 'disabled');
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: img.arn }))).image!.state?.status, 'DISABLED');
    // Back to AVAILABLE: the AMIs are enabled again.
    const back = await srv.client().send(
      new StartResourceStateUpdateCommand({
        resourceArn: img.arn,
        state: { status: 'AVAILABLE' },
        executionRole: 'LifecycleRole',
        includeResources: { amis: true },
      }),
    );
    assert.equal(await finished(back.lifecycleExecutionId!), 'SUCCESS');
    const w2 = await worldImages();
    for (const m of img.amis) assert.equal(w2.get(m.image)!.state, 'available');
  });

  it('takes the DeprecatedBy tag off every AMI (target account too) when a deprecated image is disabled, and when made available', async () => {
    const img = await image({ app: 'untag' });
    const update = async (status: 'DEPRECATED' | 'DISABLED' | 'AVAILABLE') => {
      const { lifecycleExecutionId } = await srv
        .client()
        .send(
          new StartResourceStateUpdateCommand({ resourceArn: img.arn, state: { status }, executionRole: 'LifecycleRole', includeResources: { amis: true } }),
        );
      assert.equal(await finished(lifecycleExecutionId!), 'SUCCESS');
      return worldImages();
    };
    assert.ok(img.amis.some((m) => m.accountId === TARGET));
    let w = await update('DEPRECATED');
    for (const m of img.amis) assert.equal(w.get(m.image)!.tags.DeprecatedBy, 'EC2 Image Builder', `${m.accountId}/${m.region}`);
    w = await update('DISABLED');
    for (const m of img.amis) {
      assert.equal(w.get(m.image)!.state, 'disabled');
      assert.equal(w.get(m.image)!.tags.DeprecatedBy, undefined, `${m.accountId}/${m.region}`);
      assert.equal(w.get(m.image)!.tags.CreatedBy, 'EC2 Image Builder');
    }
    await update('AVAILABLE');
    w = await update('DEPRECATED');
    for (const m of img.amis) assert.equal(w.get(m.image)!.tags.DeprecatedBy, 'EC2 Image Builder');
    w = await update('AVAILABLE');
    for (const m of img.amis) {
      assert.equal(w.get(m.image)!.state, 'available');
      assert.equal(w.get(m.image)!.deprecationTime, null);
      assert.equal(w.get(m.image)!.tags.DeprecatedBy, undefined);
    }
  });

  it('rejects StartResourceStateUpdate rule violations with InvalidRequestException', async () => {
    const img = await image({ app: 'rules' });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ state: { status: 'DELETED' } }, /DELETED needs includeResources/],
      [{ state: { status: 'DEPRECATED' }, includeResources: { amis: true } }, /executionRole and includeResources go together/],
      [{ state: { status: 'DISABLED' }, executionRole: 'r', includeResources: { snapshots: true } }, /only to delete them/],
      [{ state: { status: 'DISABLED' }, updateAt: new Date(Date.now() + 86_400_000 * 365) }, /only to the DEPRECATED status/],
    ];
    for (const [extra, message] of cases) {
      const err = await errorOf(() => srv.client().send(new StartResourceStateUpdateCommand({ resourceArn: img.arn, ...extra } as never)));
      assert.equal(err.name, 'InvalidRequestException', JSON.stringify(extra));
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.match(err.message, message);
    }
    // Nothing changed.
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: img.arn }))).image!.state?.status, 'AVAILABLE');
    // A record-only change applies at once and starts no execution.
    const out = await srv.client().send(new StartResourceStateUpdateCommand({ resourceArn: img.arn, state: { status: 'DEPRECATED' } }));
    assert.equal(out.lifecycleExecutionId, undefined);
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: img.arn }))).image!.state?.status, 'DEPRECATED');
  });

  it('answers ResourceInUseException when cancelling a finished execution', async () => {
    const img = await image({ app: 'cancel' });
    const { lifecycleExecutionId } = await srv
      .client()
      .send(
        new StartResourceStateUpdateCommand({ resourceArn: img.arn, state: { status: 'DEPRECATED' }, executionRole: 'r', includeResources: { amis: true } }),
      );
    assert.equal(await finished(lifecycleExecutionId!), 'SUCCESS');
    const err = await errorOf(() => srv.client().send(new CancelLifecycleExecutionCommand({ lifecycleExecutionId: lifecycleExecutionId! })));
    assert.equal(err.name, 'ResourceInUseException');
    assert.match(err.message, /is SUCCESS and cannot be cancelled/);
  });
});
