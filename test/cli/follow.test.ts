// `ibex follow` as a child process in the beyond-AWS world: it shows which settings follow which
// OUs and the accounts in them; after an account moves into the OU (world admin API) it shows that
// account's catch-up as pending and starts nothing; `--sync` starts exactly that catch-up run, and
// then the account shows the run; settings whose OU cannot be read make it exit 1 with the reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { A1, A2, A3, A4, APPS, OTHER, OWNER, SOURCE_AMI, beyondWorld, organization } from '../beyond/world.js';
import { amisOf, call, waitForRun } from '../beyond/api.js';
import type { FollowStatus, FollowSync } from '../../src/cli/commands/follow.js';
import { runCli } from './run-cli.js';

let srv: TestServer;
let c: ImagebuilderClient;
let ep: string[];
let followArn: string;
let imageArn: string;

const REGIONS = ['us-east-1', 'us-west-2'];
const esc = (s: string) => s.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&');

async function status(...args: string[]): Promise<FollowStatus[]> {
  const r = await runCli(['follow', '--json', ...args, ...ep]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { configurations: FollowStatus[] }).configurations;
}

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0 });
  c = srv.client();
  ep = ['--endpoint-url', srv.url];
  const dists = REGIONS.map((region) => ({ region, amiDistributionConfiguration: { name: `cli-${region} {{ imagebuilder:buildDate }}` } }));
  followArn = (
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'follow-cli',
        distributions: dists,
        tags: { 'ibex:copyToOrganizationalUnits': APPS, 'ibex:follow': 'true' },
      }),
    )
  ).distributionConfigurationArn!;
  await c.send(new CreateDistributionConfigurationCommand({ name: 'other-cli', distributions: dists, tags: { 'ibex:copyToOrganizationalUnits': OTHER } }));
});
after(() => srv.close());

describe('ibex follow', () => {
  it('lists each OU-tagged configuration with its OUs, whether it follows, and the accounts in them', async () => {
    const r = await runCli(['follow', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${esc(followArn)}  following\\n  OUs: ${esc(APPS)}\\n  image: -\\n  ACCOUNT\\s+OU\\s+STATE\\n`, 'm'));
    for (const a of [A1, A2, A3]) assert.match(r.stdout, new RegExp(`  ${a}  ${esc(APPS)}  no image distributed yet`));
    assert.match(
      r.stdout,
      new RegExp(
        `other-cli  OU targets at plan time \\(not following\\)\\n  OUs: ${esc(OTHER)}\\n  image: -\\n[^]*  ${A4}  ${esc(OTHER)}  no image distributed yet`,
      ),
    );
    const only = await status('-s', 'follow-cli');
    assert.deepEqual(
      only.map((s) => [s.distributionConfigurationArn, s.follow, s.members.map((m) => m.accountId).sort()]),
      [[followArn, true, [A1, A2, A3].sort()]],
    );
  });

  it('after a distribution every member is reached and nothing is pending', async () => {
    imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: followArn, executionRole: 'r' })))
      .imageBuildVersionArn!;
    assert.equal((await waitForImage(c, imageArn)).state?.status, 'AVAILABLE');
    const [s] = await status('-s', 'follow-cli');
    assert.equal(s!.imageArn, imageArn);
    assert.deepEqual([s!.pending, s!.catchUpRuns, s!.left], [[], [], []]);
    const r = await runCli(['follow', '-s', followArn, ...ep]);
    for (const a of [A1, A2, A3]) assert.match(r.stdout, new RegExp(`  ${a}  ${esc(APPS)}  reached\\n`));
  });

  it('an account moved into the OU shows as pending and nothing starts until --sync', async () => {
    assert.equal((await call(srv.url, 'POST', '/_ibex/world', { organizations: [organization([], [A1, A4])] })).status, 200);
    const [s] = await status('-s', 'follow-cli');
    assert.deepEqual(s!.pending, [{ accountId: A4, ouArn: APPS }]);
    const r = await runCli(['follow', '-s', 'follow-cli', ...ep]);
    assert.match(r.stdout, new RegExp(`  ${A4}  ${esc(APPS)}  catch-up pending \\(next sync\\)\\n`));
    // Showing changed nothing: no catch-up run, no copy for the new account.
    assert.deepEqual((await status('-s', 'follow-cli'))[0]!.catchUpRuns, []);
    assert.equal((await amisOf(srv.url, imageArn))[`us-east-1/${A4}`], undefined);
  });

  it('--sync starts exactly that catch-up run, which then shows for the account', async () => {
    const r = await runCli(['follow', '--sync', '-s', 'follow-cli', '--json', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { synced: FollowSync[]; configurations: FollowStatus[] };
    assert.deepEqual(
      out.synced.map((e) => e.caughtUp.map((u) => [u.accountId, u.jobs.sort()])),
      [[[A4, [`ami:us-east-1:${A4}`, `ami:us-west-2:${A4}`]]]],
    );
    const runId = out.synced[0]!.caughtUp[0]!.runId;
    assert.deepEqual(
      out.configurations[0]!.catchUpRuns.map((u) => [u.accountId, u.runId]),
      [[A4, runId]],
    );
    assert.equal((await waitForRun(srv.url, runId)).status, 'succeeded');
    const text = await runCli(['follow', '-s', 'follow-cli', ...ep]);
    assert.match(text.stdout, new RegExp(`  ${A4}  ${esc(APPS)}  catch-up succeeded \\(run ${runId}\\)\\n`));
    assert.deepEqual((await status('-s', 'follow-cli'))[0]!.pending, []);
    // A second sync has nothing to do, and the new account has one copy per Region.
    const again = await runCli(['follow', '--sync', '-s', 'follow-cli', ...ep]);
    assert.match(again.stdout, /^nothing to catch up\n/);
    const amis = await amisOf(srv.url, imageArn);
    assert.deepEqual(
      REGIONS.map((r) => amis[`${r}/${A4}`]),
      [1, 1],
    );
    assert.deepEqual(
      REGIONS.map((r) => amis[`${r}/${OWNER}`]),
      [1, 1],
    );
  });

  it('settings whose OU cannot be read make it exit 1 with the reason', async () => {
    const bad = `arn:aws:organizations::${OWNER}:ou/o-beyondorg01/ou-beyo-gone0001`;
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'gone-cli',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }],
        tags: { 'ibex:copyToOrganizationalUnits': bad, 'ibex:follow': 'true' },
      }),
    );
    const r = await runCli(['follow', '-s', 'gone-cli', ...ep]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`  ERROR: Tag ibex:copyToOrganizationalUnits: cannot list the accounts of ${esc(bad)} as account ${OWNER}: `));
  });
});
