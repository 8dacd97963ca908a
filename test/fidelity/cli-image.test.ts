// Regression (#20): the CLI on one image — `status` exit codes (1 FAILED/CANCELLED, --exit-code 3
// while in progress), `watch`, `retry` and `cancel`; errors printed once, in plain words; no
// NodeVersionSupportWarning under Node 20.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { runCli, type CliResult } from '../cli/run-cli.js';

let srv: TestServer;
let ep: string[];
let cfg: string;
const LINUX = starterImageId('us-east-1', 'Linux');
const c = () => srv.client(STARTER.managementAccountId);

before(async () => {
  srv = await startTestServer({ timings: { copyImageMs: 0, exportImageMs: 0, fastLaunchMs: 0 }, runner: { pollMs: 5 } });
  ep = ['--endpoint-url', srv.url];
  cfg = (
    await c().send(
      new CreateDistributionConfigurationCommand({
        name: 'cli-prod',
        distributions: [
          { region: 'us-east-1', amiDistributionConfiguration: { name: 'cli {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.prodAccountId] } },
        ],
      }),
    )
  ).distributionConfigurationArn!;
});
after(() => srv.close());

const distribute = async () =>
  (await c().send(new DistributeImageCommand({ sourceImage: LINUX, distributionConfigurationArn: cfg, executionRole: 'EC2ImageBuilderDistributionRole' })))
    .imageBuildVersionArn!;

describe('ibex status, watch, retry and cancel', () => {
  it('status exits 1 on a FAILED image and lists each failure once; retry --wait re-runs it to AVAILABLE', async () => {
    srv.world.addFault({ service: 'ec2', operation: 'CopyImage', error: 'UnauthorizedOperation', times: 1 });
    const arn = await distribute();
    assert.equal((await waitForImage(c(), arn)).state?.status, 'FAILED');
    const failed = await runCli(['status', arn, ...ep]);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /status: FAILED/);
    // The fault appears once (in its job's row), unwrapped from "EC2 Client Error: '…'".
    assert.equal(failed.stdout.split('Injected fault: UnauthorizedOperation').length - 1, 1, failed.stdout);
    assert.doesNotMatch(failed.stdout, /Client Error/);
    const retried = await runCli(['retry', arn, '--wait', ...ep]);
    assert.equal(retried.code, 0, retried.stderr + retried.stdout);
    assert.match(retried.stdout, new RegExp(`^retrying ${arn.replace(/[/.]/g, '\\$&')}$`, 'm'));
    assert.match(retried.stdout, /^AVAILABLE arn:/m);
  });

  it('status --exit-code exits 3 while in progress; cancel stops it and watch then exits 1 CANCELLED', async () => {
    srv.world.setTimings({ copyImageMs: 600_000 });
    try {
      const arn = await distribute();
      const running = await runCli(['status', arn, '--exit-code', ...ep]);
      assert.equal(running.code, 3, running.stderr);
      const cancelled = await runCli(['cancel', arn, ...ep]);
      assert.equal(cancelled.code, 0, cancelled.stderr);
      assert.equal(cancelled.stdout, `cancelled ${arn}\n`);
      const watched = await runCli(['watch', arn, ...ep]);
      assert.equal(watched.code, 1);
      assert.match(watched.stdout, /^CANCELLED arn:/m);
    } finally {
      srv.world.setTimings({ copyImageMs: 0 });
    }
  });

  it('rejects what is not an image build version ARN as a usage error (exit 2)', async () => {
    const r = await runCli(['watch', 'ami-0123', ...ep]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ibex: 'ami-0123' is not an image build version ARN/);
  });
});

describe('CLI output hygiene', () => {
  it("prints a rejected world file's problems once each", async () => {
    const r = await runCli(['faults', 'add', '--service', 'ec2', '--operation', 'CopyImage', '--error', 'X', '--probability', '7', ...ep]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'ibex: not accepted (1 problem):\n  probability: must be a number with 0 < p ≤ 1, got 7\n');
  });

  it('prints no NodeVersionSupportWarning under Node 20', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const r = await new Promise<CliResult>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'status', `arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:image/nope/1.0.0/1`, ...ep],
        { env, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
    assert.equal(
      r.stderr,
      `ibex: ResourceNotFoundException: The resource 'arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:image/nope/1.0.0/1' does not exist.\n`,
    );
  });
});
