// The ibex CLI run as a child process against a server in the starter world: help and usage
// errors, plan tables, distribute --wait (AVAILABLE exits 0, FAILED exits 1 with the reason),
// status, world and faults admin, the demo, and endpoint conventions.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { runCli } from './run-cli.js';

let srv: TestServer;
let ep: string[];
const LINUX = starterImageId('us-east-1', 'Linux');

before(async () => {
  srv = await startTestServer({ timings: { copyImageMs: 50, exportImageMs: 0, fastLaunchMs: 0 }, runner: { pollMs: 5 } });
  ep = ['--endpoint-url', srv.url];
  const c = srv.client(STARTER.managementAccountId);
  await c.send(
    new CreateDistributionConfigurationCommand({
      name: 'to-prod',
      distributions: [
        { region: 'us-east-1', amiDistributionConfiguration: { name: 'prod {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.prodAccountId] } },
      ],
    }),
  );
  await c.send(
    new CreateDistributionConfigurationCommand({
      name: 'to-partner',
      distributions: [
        { region: 'us-east-1', amiDistributionConfiguration: { name: 'partner {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.partnerAccountId] } },
      ],
    }),
  );
});
after(() => srv.close());

describe('ibex CLI', () => {
  it('prints help with every command and exits 0; a usage error exits 2', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const c of ['serve', 'plan', 'distribute', 'status', 'world', 'faults', 'demo']) assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
    const sub = await runCli(['faults', 'add', '--help']);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--probability/);
    const usage = await runCli(['distribute', '--wait', ...ep]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /required option '-s, --settings/);
  });

  it('plan shows a table per Region and account with the predicted cause of a failure', async () => {
    const r = await runCli(['plan', '--settings', 'to-partner', '--source', LINUX, ...ep]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /us-east-1 \/ account 210987654321\n\s+ACTION\s+OUTCOME\s+CAUSE\n\s+AMI copy for account 210987654321 in us-east-1\s+FAIL\s+AccessDenied: /,
    );
    assert.match(r.stdout, /us-east-1 \/ account 123456789012\n[^]*AMI in us-east-1\s+ok\s+-/);
    assert.match(r.stdout, /2 jobs: 1 ok, 1 would fail/);
    const strict = await runCli(['plan', '-s', 'to-partner', '-i', LINUX, '--fail-on-error', '--json', ...ep]);
    assert.equal(strict.code, 1);
    assert.equal(JSON.parse(strict.stdout).summary.fail, 1);
  });

  it('distribute --wait prints per-account progress and exits 0 when AVAILABLE; the copy exists', async () => {
    const r = await runCli(['distribute', '-s', 'to-prod', '-i', LINUX, '--wait', ...ep]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /us-east-1 111122223333 ami COMPLETED/);
    assert.match(r.stdout, /^AVAILABLE arn:aws:imagebuilder:us-east-1:123456789012:image\//m);
    const ami = /us-east-1\s+111122223333\s+(ami-[0-9a-f]+)/.exec(r.stdout)?.[1];
    assert.ok(ami, r.stdout);
    const copy = srv.world.snapshot().images.find((i) => i.imageId === ami);
    assert.equal(copy?.accountId, STARTER.prodAccountId);
    assert.equal(copy?.state, 'available');

    const arn = /^AVAILABLE (\S+)/m.exec(r.stdout)![1]!;
    const st = await runCli(['status', arn, '--json', ...ep]);
    assert.equal(st.code, 0, st.stderr);
    const p = JSON.parse(st.stdout);
    assert.equal(p.status, 'AVAILABLE');
    assert.deepEqual(p.jobs.map((j: { accountId: string; status: string }) => `${j.accountId}:${j.status}`).sort(), [
      '111122223333:COMPLETED',
      '123456789012:COMPLETED',
    ]);
  });

  it('distribute --wait exits 1 and prints the reason when the image FAILED', async () => {
    const r = await runCli(['distribute', '-s', 'to-partner', '-i', LINUX, '--wait', ...ep]);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /^FAILED arn:/m);
    // The reason repeats the failed jobs: the summary lists each failure once instead.
    assert.doesNotMatch(r.stdout, /reason: Not all distribution jobs are completed\./);
    assert.match(r.stdout, /us-east-1 210987654321 ami: .*AccessDenied|us-east-1 210987654321 ami: .*not authorized/);
  });

  it('world show, faults add/list/clear and world reset change and report the world', async () => {
    const add = await runCli([
      'faults',
      'add',
      '--service',
      'ec2',
      '--operation',
      'CopyImage',
      '--error',
      'RequestLimitExceeded',
      '--probability',
      '0.5',
      '--fault-region',
      'eu-west-1',
      ...ep,
    ]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /ec2\s+CopyImage\s+RequestLimitExceeded\s+\*\s+eu-west-1\s+50% of calls/);
    assert.equal(srv.world.faults().length, 1);
    const bad = await runCli(['faults', 'add', '--service', 'nope', '--operation', 'CopyImage', '--error', 'X', ...ep]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /service: must be one of ec2/);
    const clear = await runCli(['faults', 'clear', ...ep]);
    assert.equal(clear.code, 0);
    assert.equal(srv.world.faults().length, 0);

    const show = await runCli(['world', 'show', ...ep]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /444455556666\s+dev\s+\d+\s+ap-east-1/);
    const json = await runCli(['world', 'show', '--json', '--filter-account', STARTER.prodAccountId, ...ep]);
    assert.ok(JSON.parse(json.stdout).images.every((i: { accountId: string }) => i.accountId === STARTER.prodAccountId));
    const reset = await runCli(['world', 'reset', ...ep]);
    assert.equal(reset.code, 0);
    assert.equal(srv.world.snapshot().images.filter((i) => i.accountId === STARTER.prodAccountId && i.name.startsWith('prod ')).length, 0);
  });

  it('demo creates settings, shows the plan and distributes to AVAILABLE (endpoint from AWS_ENDPOINT_URL_IMAGEBUILDER)', async () => {
    const r = await runCli(['demo'], { AWS_ENDPOINT_URL_IMAGEBUILDER: srv.url });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Plan: distribute ami-/);
    assert.match(r.stdout, /6 jobs: 6 ok, 0 would fail/);
    assert.match(r.stdout, /^AVAILABLE /m);
    const copies = srv.world.snapshot().images.filter((i) => i.name.startsWith('ibex-demo '));
    assert.deepEqual(copies.map((i) => `${i.region}/${i.accountId}`).sort(), [
      'eu-west-1/123456789012',
      'eu-west-1/444455556666',
      'us-east-1/111122223333',
      'us-east-1/123456789012',
    ]);
  });

  it('reports an unreachable endpoint and an unknown settings name with exit 1', async () => {
    const down = await runCli(['world', 'show', '--endpoint-url', 'http://127.0.0.1:9']);
    assert.equal(down.code, 1);
    assert.match(down.stderr, /cannot reach ibex at http:\/\/127\.0\.0\.1:9/);
    const missing = await runCli(['plan', '-s', 'nope', '-i', LINUX, ...ep]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no distribution settings named 'nope' in us-east-1/);
  });
});
