// The lifecycle preview is what a run does: for each kind of exclusion rule (AMI Regions, public,
// EC2 tags, shared accounts, last launched, and the image-level tag rule) a preview over the world,
// then a run over the same world, give the same images and the same record for every AMI. An AMI
// in an account without the Ec2ImageBuilderCrossAccountLifecycleAccess role is SKIPPED when the
// Region rule keeps it (no role is needed to know that) and FAILED with the role's error otherwise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  CreateLifecyclePolicyCommand,
  DistributeImageCommand,
  GetImageCommand,
  ListLifecycleExecutionsCommand,
  ListLifecycleExecutionResourcesCommand,
  type LifecyclePolicyDetail,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { NOROLE, OWNER, SOURCE_AMI, TARGET, UNTRUSTED, testWorld } from '../helpers/world.js';
import { LIFECYCLE_ROLE, LIFECYCLE_ROLE_PERMISSIONS } from '../../src/cloud/simulated/ec2-lifecycle.js';
import type { LifecyclePreview } from '../../src/server/admin-lifecycle-preview.js';
import { runCli } from '../cli/run-cli.js';

let srv: TestServer;
let config = '';

/** TARGET has both roles; NOROLE only the distribution role, so copies arrive but lifecycle cannot reach them. */
function world() {
  const w = testWorld();
  const distribution = w.accounts!.find((a) => a.id === TARGET)!.roles!.find((r) => r.name === 'EC2ImageBuilderDistributionCrossAccountRole')!;
  w.accounts = w.accounts!.map((a) => {
    if (a.id === TARGET)
      return { ...a, roles: [...(a.roles ?? []), { name: LIFECYCLE_ROLE, trustedAccounts: [OWNER], permissions: LIFECYCLE_ROLE_PERMISSIONS }] };
    if (a.id === NOROLE) return { ...a, roles: [distribution] };
    return a;
  });
  return w;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as T;
  assert.equal(r.status, 200, JSON.stringify(json));
  return json;
}

interface Built {
  arn: string;
  ami: (account: string, region: string) => string;
}

async function image(tags: Record<string, string>): Promise<Built> {
  const out = await srv
    .client()
    .send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: config, executionRole: 'ImageBuilderRole', tags }));
  const img = await waitForImage(srv.client(), out.imageBuildVersionArn!);
  assert.equal(img.state?.status, 'AVAILABLE', img.state?.reason);
  const amis = img.outputResources!.amis!;
  assert.equal(amis.length, 4);
  return { arn: out.imageBuildVersionArn!, ami: (account, region) => amis.find((a) => (a.accountId ?? OWNER) === account && a.region === region)!.image! };
}

/** What a preview says the run records: per image and per AMI, the status and reason. */
function fromPreview(p: LifecyclePreview): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of p.images) {
    out[i.imageArn] = i.skipped ? `SKIPPED ${i.skipped}` : i.amis.some((a) => a.failed) ? 'FAILED' : 'SUCCESS';
    for (const a of i.amis) out[a.imageId] = a.excluded ? `SKIPPED ${a.excluded}` : a.failed ? `FAILED ${a.failed}` : a.done ? `SUCCESS ${a.done}` : 'SUCCESS';
  }
  return out;
}

/** What the run recorded, in the same form. */
async function fromRun(id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const list = async (parent?: string) =>
    (await srv.client().send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id, ...(parent ? { parentResourceId: parent } : {}) })))
      .resources ?? [];
  for (const i of await list()) {
    out[i.resourceId!] = i.state!.status === 'SKIPPED' ? `SKIPPED ${i.state!.reason}` : i.state!.status!;
    for (const a of await list(i.resourceId)) out[a.resourceId!] = [a.state!.status, a.state!.reason].filter(Boolean).join(' ');
  }
  return out;
}

/** Creates a DEPRECATE policy over images tagged case=<name>, previews it, runs it, and returns both views. */
async function previewThenRun(name: string, rule: Partial<LifecyclePolicyDetail>): Promise<{ preview: Record<string, string>; run: Record<string, string> }> {
  const { lifecyclePolicyArn } = await srv.client().send(
    new CreateLifecyclePolicyCommand({
      name,
      executionRole: 'arn:aws:iam::123456789012:role/LifecycleRole',
      resourceType: 'AMI_IMAGE',
      resourceSelection: { tagMap: { case: name } },
      policyDetails: [{ action: { type: 'DEPRECATE', includeResources: { amis: true } }, filter: { type: 'AGE', value: 1, unit: 'DAYS' }, ...rule }],
    }),
  );
  const r = await fetch(`${srv.url}/_ibex/lifecycle/preview?policy=${encodeURIComponent(lifecyclePolicyArn!)}`);
  assert.equal(r.status, 200);
  const p = (await r.json()) as LifecyclePreview;
  assert.deepEqual(p.amiRulesCheckedAtRun, []);
  const run = await post<{ lifecycleExecutionId: string }>('/_ibex/lifecycle/run', { lifecyclePolicyArn, wait: true });
  return { preview: fromPreview(p), run: await fromRun(run.lifecycleExecutionId) };
}

const esc = (s: string) => s.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&');
const NO_ROLE = `FAILED AccessDenied: User: arn:aws:iam::${OWNER}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${NOROLE}:role/${LIFECYCLE_ROLE} (role ${LIFECYCLE_ROLE} does not exist in account ${NOROLE}).`;
const cases: Record<string, Built> = {};

before(async () => {
  srv = await startTestServer({ worldSpec: world(), runner: { pollMs: 5 }, logLevel: process.env.IBEX_LOG ?? 'silent' });
  config = (
    await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'preview',
        distributions: [
          { region: 'us-east-1', amiDistributionConfiguration: { name: 'pv {{ imagebuilder:buildDate }}' } },
          { region: 'us-west-2', amiDistributionConfiguration: { name: 'pv {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET, NOROLE] } },
        ],
      }),
    )
  ).distributionConfigurationArn!;
  for (const c of ['regions', 'public', 'amitags', 'shared', 'launched', 'imagetags']) cases[c] = await image({ case: c });
  cases.kept = await image({ case: 'imagetags', keep: 'yes' });
  const ec2 = srv.world.ports.ec2;
  // Changes made by hand after the distribution: the facts the AMI rules read.
  await ec2.modifyImageAttribute(
    { accountId: OWNER, region: 'us-east-1' },
    { imageId: cases.public!.ami(OWNER, 'us-east-1'), launchPermission: { add: [{ group: 'all' }] } },
  );
  await ec2.createTags(
    { accountId: TARGET, region: 'us-west-2' },
    { resources: [cases.amitags!.ami(TARGET, 'us-west-2')], tags: [{ key: 'keep', value: '1' }] },
  );
  await ec2.modifyImageAttribute(
    { accountId: OWNER, region: 'us-west-2' },
    { imageId: cases.shared!.ami(OWNER, 'us-west-2'), launchPermission: { add: [{ userId: UNTRUSTED }] } },
  );
  // Every image is old enough; policies are created afterwards, so none is due on its own schedule.
  await post('/_ibex/clock', { advance: '2d' });
});
after(() => srv.close());

describe('lifecycle preview = run', () => {
  it('`ibex lifecycle preview ARN` prints what the next run would do to each image and AMI, and changes nothing', async () => {
    const b = cases.public!;
    const { lifecyclePolicyArn: arn } = await srv.client().send(
      new CreateLifecyclePolicyCommand({
        name: 'cli-preview',
        executionRole: 'arn:aws:iam::123456789012:role/LifecycleRole',
        resourceType: 'AMI_IMAGE',
        resourceSelection: { tagMap: { case: 'public' } },
        policyDetails: [
          {
            action: { type: 'DEPRECATE', includeResources: { amis: true } },
            filter: { type: 'AGE', value: 1, unit: 'DAYS' },
            exclusionRules: { amis: { isPublic: true, regions: ['eu-west-1'] } },
          },
        ],
      }),
    );
    const text = await runCli(['lifecycle', 'preview', arn!, '--endpoint-url', srv.url]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, new RegExp(`^Next run of ${esc(arn!)} \\(ENABLED\\) at \\d{4}-\\d\\d-\\d\\dT`));
    assert.match(lines[1]!, /^RESOURCE +STATUS +NEXT RUN$/);
    assert.match(lines[2]!, new RegExp(`^${esc(b.arn)} +AVAILABLE +would DEPRECATE$`));
    const row = (account: string, region: string) =>
      lines.find((l) => l.trimStart().startsWith(`${b.ami(account, region)} ${region} ${account}`))?.replace(/^\s*\S+ \S+ \S+\s+/, '');
    assert.equal(row(OWNER, 'us-east-1'), 'kept: Excluded by exclusionRules.amis.isPublic: the AMI is public.');
    assert.equal(row(OWNER, 'us-west-2'), 'would DEPRECATE');
    assert.equal(row(TARGET, 'us-west-2'), 'would DEPRECATE');
    assert.equal(row(NOROLE, 'us-west-2'), NO_ROLE.replace(/^FAILED /, 'would fail: '));
    assert.equal(lines.at(-1), '1 image(s) and 2 AMI(s) would be acted on.');
    const json = await runCli(['lifecycle', 'preview', arn!, '--json', '--endpoint-url', srv.url]);
    assert.equal(json.code, 0, json.stderr);
    const p = JSON.parse(json.stdout) as LifecyclePreview;
    assert.deepEqual(
      p.images.map((i) => [i.imageArn, i.action, i.amis.length]),
      [[b.arn, 'DEPRECATE', 4]],
    );
    // A dry run: no execution, the image unchanged.
    assert.deepEqual((await srv.client().send(new ListLifecycleExecutionsCommand({ resourceArn: arn }))).lifecycleExecutions ?? [], []);
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: b.arn }))).image?.state?.status, 'AVAILABLE');
    const bad = await runCli(['lifecycle', 'preview', 'nope', '--endpoint-url', srv.url]);
    assert.deepEqual(
      [bad.code, bad.stderr],
      [1, "ibex: 'nope' is not a lifecycle policy ARN (arn:aws:imagebuilder:<region>:<account>:lifecycle-policy/<name>).\n"],
    );
  });

  it('AMI Regions: kept without any role, even in an account without the lifecycle role', async () => {
    const b = cases.regions!;
    const { preview, run } = await previewThenRun('regions', { exclusionRules: { amis: { regions: ['us-west-2'] } } });
    assert.deepEqual(preview, run);
    const kept = 'SKIPPED Excluded by exclusionRules.amis.regions (us-west-2).';
    assert.deepEqual(run, {
      [b.arn]: 'SUCCESS',
      [b.ami(OWNER, 'us-east-1')]: 'SUCCESS',
      [b.ami(OWNER, 'us-west-2')]: kept,
      [b.ami(TARGET, 'us-west-2')]: kept,
      [b.ami(NOROLE, 'us-west-2')]: kept,
    });
  });

  it('isPublic: the public AMI is kept; the AMI behind a missing role fails in both', async () => {
    const b = cases.public!;
    const { preview, run } = await previewThenRun('public', { exclusionRules: { amis: { isPublic: true } } });
    assert.deepEqual(preview, run);
    assert.equal(run[b.ami(OWNER, 'us-east-1')], 'SKIPPED Excluded by exclusionRules.amis.isPublic: the AMI is public.');
    assert.equal(run[b.ami(OWNER, 'us-west-2')], 'SUCCESS');
    assert.equal(run[b.ami(TARGET, 'us-west-2')], 'SUCCESS');
    assert.equal(run[b.ami(NOROLE, 'us-west-2')], NO_ROLE);
    assert.equal(run[b.arn], 'FAILED');
  });

  it('AMI tagMap: the AMI tagged by hand in the target account is kept', async () => {
    const b = cases.amitags!;
    const { preview, run } = await previewThenRun('amitags', { exclusionRules: { amis: { tagMap: { keep: '1' } } } });
    assert.deepEqual(preview, run);
    assert.equal(run[b.ami(TARGET, 'us-west-2')], 'SKIPPED Excluded by exclusionRules.amis.tagMap (keep=1).');
    assert.equal(run[b.ami(OWNER, 'us-east-1')], 'SUCCESS');
  });

  it('sharedAccounts: the AMI shared with the named account is kept', async () => {
    const b = cases.shared!;
    const { preview, run } = await previewThenRun('shared', { exclusionRules: { amis: { sharedAccounts: [UNTRUSTED] } } });
    assert.deepEqual(preview, run);
    assert.equal(run[b.ami(OWNER, 'us-west-2')], `SKIPPED Excluded by exclusionRules.amis.sharedAccounts: the AMI is shared with ${UNTRUSTED}.`);
    assert.equal(run[b.ami(OWNER, 'us-east-1')], 'SUCCESS');
  });

  it('lastLaunched: the world records no launches, so no AMI is kept by it — in the preview as in the run', async () => {
    const b = cases.launched!;
    const { preview, run } = await previewThenRun('launched', { exclusionRules: { amis: { lastLaunched: { value: 7, unit: 'DAYS' } } } });
    assert.deepEqual(preview, run);
    assert.equal(run[b.ami(OWNER, 'us-east-1')], 'SUCCESS');
    assert.equal(run[b.ami(TARGET, 'us-west-2')], 'SUCCESS');
  });

  it('image tagMap: the excluded image and its AMIs are kept, the other is deprecated', async () => {
    const b = cases.imagetags!;
    const { preview, run } = await previewThenRun('imagetags', { exclusionRules: { tagMap: { keep: 'yes' } } });
    assert.deepEqual(preview, run);
    assert.equal(run[cases.kept!.arn], "SKIPPED Excluded by the DEPRECATE rule's exclusionRules.tagMap.");
    assert.equal(run[cases.kept!.ami(OWNER, 'us-east-1')], undefined, 'a kept image lists no AMIs');
    assert.equal(run[b.arn], 'FAILED', 'the AMI behind the missing role fails');
    assert.equal(run[b.ami(NOROLE, 'us-west-2')], NO_ROLE);
    assert.equal(run[b.ami(OWNER, 'us-east-1')], 'SUCCESS');
  });
});
