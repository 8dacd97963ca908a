// `npm run bench [-- --quick]`: runs every benchmark in sequence, prints tables with ratios
// against baselines measured in this same run, and writes bench/results/latest.json.
// --quick keeps the whole run under a minute (shorter loads, smaller fan-out, 10 s soak).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { apiBench } from './api-throughput.js';
import { engineCurve, engineRun } from './engine.js';
import { scaleBench } from './scale.js';
import { soakBench } from './soak.js';
import { startupBench } from './startup.js';
import { worldBench } from './world-describe.js';
import { fmt, table } from './lib/stats.js';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (s: string) => !only || only.includes(s);
const started = Date.now();
const out: Record<string, unknown> = { quick, date: new Date().toISOString(), node: process.version, cpus: cpus().length };
const print = (title: string, body: string) => console.log(`\n## ${title}\n${body}`);

if (want('api')) {
  const api = quick ? await apiBench(2, 0, 3, 1) : await apiBench(10, 1, 8, 3);
  out.api = api;
  print(
    'API throughput (10 connections; ibex and moto each in their own process)',
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'errors'],
      api.results.map((r) => [r.name, r.rps, r.p50, r.p99, r.cpuUsPerReq, r.errors]),
    ),
  );
  print(
    'API ratios (same run)',
    table(
      ['ratio', 'value'],
      Object.entries(api.ratios).map(([k, v]) => [k, `${fmt(v)}×`]),
    ),
  );
}

if (want('startup')) {
  const s = await startupBench(quick ? 1 : 5);
  out.startup = s;
  print(
    'Start-up: spawn → first successful request (median)',
    table(
      ['server', 'median ms', 'runs ms'],
      s.map((r) => [r.name, r.medianMs, r.runs.map((x) => fmt(x)).join(' ')]),
    ),
  );
}

if (want('engine')) {
  const fan = quick ? await engineRun(50, 8, {}) : await engineRun(200, 16, {});
  const timed = await engineRun(10, 4, { copyImageMs: 2000 });
  // The growth curve (issue 19): each size in its own process, probed from this one during the run.
  const curve = await engineCurve(
    quick
      ? [
          [100, 4],
          [1536, 1],
        ]
      : [
          [100, 16],
          [200, 16],
          [500, 16],
          [1536, 1],
          [1536, 16],
        ],
  );
  out.engine = { zeroTimings: fan, timings: timed, curve };
  print(
    "Engine (in-process; steps counted from the run's step rows)",
    table(
      ['run', 'Regions', 'accounts', 'steps', 'failed', 'wall ms', 'steps/s', 'critical path ms', 'makespan ms', 'makespan ÷ critical path'],
      [
        ['zero timings', fan.regions, fan.accounts, fan.steps, fan.failed, fan.wallMs, fan.stepsPerS, '-', fan.makespanMs, '-'],
        [
          'copyImageMs 2000',
          timed.regions,
          timed.accounts,
          timed.steps,
          timed.failed,
          timed.wallMs,
          timed.stepsPerS,
          timed.criticalPathMs,
          timed.makespanMs,
          timed.ratio,
        ],
      ],
    ),
  );
  print(
    'Engine growth curve (own process, file database, zero timings; API probed from a second client during the run)',
    table(
      [
        'Regions',
        'accounts',
        'steps',
        'failed',
        'CPU µs/step',
        'steps/s',
        'DistributeImage ms',
        'peak RSS MB',
        'probes',
        'GetImage p50/p99 ms',
        'List p50/p99 ms',
        'health p99 ms',
        'after: GetImage ms (KB)',
        'ListWorkflowExecutions ms',
        'step page first/middle ms',
      ],
      curve.map((c) => [
        c.regions,
        c.accounts,
        c.steps,
        c.failed,
        c.cpuUsPerStep,
        c.stepsPerS,
        c.distributeMs,
        c.peakRssMb,
        c.during.probes,
        `${fmt(c.during.getImageP50)} / ${fmt(c.during.getImageP99)}`,
        `${fmt(c.during.listP50)} / ${fmt(c.during.listP99)}`,
        c.during.healthP99,
        `${fmt(c.after.getImageMs)} (${fmt(c.after.getImageKb)})`,
        c.after.listExecutionsMs,
        `${fmt(c.after.stepsFirstPageMs)} / ${fmt(c.after.stepsMiddlePageMs)}`,
      ]),
    ),
  );
  const base = curve.find((c) => c.accounts === 100);
  const top = curve.find((c) => c.accounts === 1536 && c.regions === 16);
  if (base && top) console.log(`CPU µs/step at 1,536 ÷ at 100 accounts (16 Regions): ${fmt(top.cpuUsPerStep / base.cpuUsPerStep)}× (aim ≤ 1.3×)`);
}

if (want('scale')) {
  const s = await scaleBench(quick ? [10_000] : [10_000, 100_000], quick ? 200 : 1000);
  out.scale = s;
  print(
    'Scale: ListDistributionConfigurations page of 25 (sequential, over HTTP in-process)',
    table(
      ['stored', 'insert ms', 'first page p50', 'first page p99', 'random page p50', 'random page p99', 'RSS MB'],
      s.map((r) => [r.n, r.insertMs, r.firstP50, r.firstP99, r.randomP50, r.randomP99, r.rssMb]),
    ),
  );
}

if (want('soak')) {
  // A full GC is forced in the child every gcEveryS to read the retained heap; without it V8 grows
  // its heap lazily for ~100 s before its first major GC and RSS then says nothing about leaks.
  const { samples: _samples, retained: _retained, ...s } = await soakBench(quick ? 10 : 60);
  out.soak = s;
  print(
    `Soak (${s.durationS} s mixed API load + a distribution every 500 ms)`,
    table(
      ['requests', 'req/s', 'p99 ms', 'API errors', 'distributions', 'failed', 'configurations stored', 'world records stored', 'database MB'],
      [[s.requests, s.rps, s.p99, s.apiErrors, s.distributions, s.distributionFailures, s.stored.configurations, s.stored.worldRecords, s.stored.dbMb]],
    ),
  );
  const w = s.world;
  const note = quick ? '; quick: too short to judge memory, a smoke test only' : '';
  print(
    `Soak memory after ${fmt(s.warmupS)} s warm-up (child's full GC forced every ${fmt(s.gcEveryS)} s${note})`,
    table(
      ['memory', 'after warm-up MB', 'end MB', 'slope MB/min'],
      [
        ['RSS', s.rssStartMb, s.rssEndMb, s.slopeMbPerMin],
        ['RSS outside the JS heap', s.nonHeapStartMb, s.nonHeapEndMb, s.nonHeapSlopeMbPerMin],
        ['JS heap after full GC (retained)', s.retainedStartMb, s.retainedEndMb, s.retainedSlopeMbPerMin],
        [
          `  simulated world's records (${fmt(w.bytesPerRecord)} B each, +${fmt(w.recordsPerMin)}/min)`,
          (w.recordsStart * w.bytesPerRecord) / 2 ** 20,
          w.heapEndMb,
          (w.recordsPerMin * w.bytesPerRecord) / 2 ** 20,
        ],
        ['  ibex itself (retained − world)', s.ownStartMb, s.ownEndMb, s.ownSlopeMbPerMin],
      ],
    ),
  );
}

if (want('world')) {
  // --quick: a 10,400-AMI world, short loads and no moto (CI); the full run has 100,000 AMIs and moto.
  const w = quick
    ? await worldBench({ perScope: 13, seqN: 100, rounds: 1, roundS: 1, motoS: 1, withMoto: false })
    : await worldBench({ perScope: 125, seqN: 2000, rounds: 5, roundS: 3, motoS: 8, withMoto: true });
  out.world = w;
  print(
    `World: DescribeImages over HTTP, ${w.amis.toLocaleString()} AMIs (started in ${fmt(w.startMs / 1000)} s; sequential, one keep-alive connection; load average ${loadavg()
      .map((x) => fmt(x))
      .join(' ')})`,
    table(
      ['query', 'images', 'requests', 'p50 ms', 'p99 ms'],
      w.latency.map((r) => [r.query, r.images, r.n, r.p50, r.p99]),
    ),
  );
  print(
    `World: DescribeImages (one id) throughput (10 connections; moto ${w.moto})`,
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'errors'],
      w.throughput.map((r) => [r.name, r.rps, r.p50, r.p99, r.cpuUsPerReq, r.errors]),
    ),
  );
  print(
    'World ratios (same run; aims: ≥ 0.3× the ceiling, ≥ 10× moto)',
    table(
      ['ratio', 'value'],
      Object.entries(w.ratios).map(([k, v]) => [k, `${fmt(v)}×`]),
    ),
  );
}

out.totalS = (Date.now() - started) / 1000;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nwrote bench/results/latest.json (${fmt(out.totalS as number)} s)`);
