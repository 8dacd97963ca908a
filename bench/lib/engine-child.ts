// Child-process entry for the engine growth curve (issue 19): an ibex with a file database and a
// fan-out world of R Regions × N accounts; one DistributeImage over HTTP, then the run to its
// end. Prints `started` (so the parent can probe the API from a second client during the run)
// and `done` lines of JSON: CPU µs per step (user + system of this process, from just before
// DistributeImage to the run's end), steps/s, DistributeImage latency, peak RSS, and after the
// run the latency and size of GetImage and the workflow lists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/app.js';
import { ZERO_TIMINGS } from '../../src/world/index.js';
import { authHeaders, ibexCall } from './sigv4.js';
import { fanOutConfig, fanOutWorld, OWNER, SOURCE_AMI } from './world.js';

const accounts = Number(process.argv[2]);
const regionCount = Number(process.argv[3]);
const dir = mkdtempSync(join(tmpdir(), 'ibex-engine-'));
const { spec, regions } = fanOutWorld(accounts, regionCount);
// IBEX_BENCH_TURN_MS: the runner's turn budget (default 5 ms), to compare budgets.
const turnMs = process.env.IBEX_BENCH_TURN_MS ? Number(process.env.IBEX_BENCH_TURN_MS) : undefined;
const srv = await startServer({
  dataDir: dir,
  port: 0,
  logLevel: 'silent',
  worldSpec: { ...spec, timings: ZERO_TIMINGS },
  timings: ZERO_TIMINGS,
  ...(turnMs !== undefined ? { runner: { turnMs } } : {}),
});
const say = (kind: string, body: Record<string, unknown>) => process.stdout.write(`${kind} ${JSON.stringify(body)}\n`);

/** One timed request; returns ms and the response size. */
async function timed(method: string, path: string, body?: unknown): Promise<{ ms: number; bytes: number; json: Record<string, unknown> }> {
  const t = performance.now();
  const res = await fetch(`${srv.url}${path}`, {
    method,
    headers: { ...authHeaders('imagebuilder'), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return { ms: performance.now() - t, bytes: Buffer.byteLength(text), json: JSON.parse(text) as Record<string, unknown> };
}

try {
  const scope = { accountId: OWNER, region: regions[0]! };
  const cfg = await ibexCall(srv.url, 'PUT', '/CreateDistributionConfiguration', fanOutConfig('fan-out', accounts, regions));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await ibexCall(srv.url, 'PUT', '/DistributeImage', {
    sourceImage: SOURCE_AMI,
    distributionConfigurationArn: cfg.distributionConfigurationArn,
    executionRole: 'bench',
    clientToken: 'run-1',
  });
  const distributeMs = performance.now() - t0;
  const imageArn = out.imageBuildVersionArn as string;
  say('started', { url: srv.url, imageArn, distributeMs });
  const run = srv.services.runs.runsOfImage(scope, imageArn)[0]!;
  const status = await srv.services.distribution.runner.start(scope, run.runId);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const steps = srv.services.runs.steps(scope, run.runId);
  const failed = steps.filter((s) => s.status !== 'succeeded').length;

  // After the run: what a client reading the result pays.
  const q = `?imageBuildVersionArn=${encodeURIComponent(imageArn)}`;
  const getImage = await timed('GET', `/GetImage${q}`);
  const listExec = await timed('POST', '/ListWorkflowExecutions', { imageBuildVersionArn: imageArn });
  const wf = `wf-${run.runId}`;
  const firstPage = await timed('POST', '/ListWorkflowStepExecutions', { workflowExecutionId: wf });
  const mid = srv.services.pagination.encode({ wf }, String(Math.floor(run.jobs.length / 2)));
  const midPage = await timed('POST', '/ListWorkflowStepExecutions', { workflowExecutionId: wf, nextToken: mid });
  say('done', {
    regions: regionCount,
    accounts,
    status,
    steps: steps.length,
    failed,
    wallMs,
    distributeMs,
    cpuUsPerStep: (cpu.user + cpu.system) / steps.length,
    stepsPerS: steps.length / (wallMs / 1000),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    after: {
      getImageMs: getImage.ms,
      getImageKb: getImage.bytes / 1024,
      listExecutionsMs: listExec.ms,
      stepsFirstPageMs: firstPage.ms,
      stepsMiddlePageMs: midPage.ms,
    },
  });
} finally {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
}
