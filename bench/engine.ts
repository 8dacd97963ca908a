// Engine benchmark (issue 4), in-process: zero timings and a wide fan-out → steps per second,
// counted from the run's step rows; timings on and a smaller fan-out → makespan ÷ critical path.
import { startServer } from '../src/server/app.js';
import type { StepRecord } from '../src/engine/step-inputs.js';
import type { Timings } from '../src/world/index.js';
import { ibexCall } from './lib/sigv4.js';
import { fanOutConfig, fanOutWorld, OWNER, SOURCE_AMI } from './lib/world.js';

export interface EngineRun {
  regions: number;
  accounts: number;
  steps: number;
  failed: number;
  wallMs: number;
  stepsPerS: number;
  criticalPathMs: number;
  makespanMs: number;
  ratio: number;
}

/** The longest dependency chain, weighting each step by the simulated time it waits for. */
export function criticalPath(steps: StepRecord[], t: Timings): number {
  const weight: Partial<Record<StepRecord['kind'], number>> = {
    waitImage: t.copyImageMs,
    waitExport: t.exportImageMs,
    fastLaunch: t.fastLaunchMs,
    pushContainer: t.pushContainerMs,
  };
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const memo = new Map<string, number>();
  const finish = (k: string): number => {
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const s = byKey.get(k)!;
    const v = Math.max(0, ...s.dependsOn.map(finish)) + (weight[s.kind] ?? 0);
    memo.set(k, v);
    return v;
  };
  return Math.max(...steps.map((s) => finish(s.key)));
}

/** Distributes once through a fresh in-memory server and measures the run. */
export async function engineRun(accounts: number, regionCount: number, timings: Partial<Timings>): Promise<EngineRun> {
  const { spec, regions } = fanOutWorld(accounts, regionCount);
  const zero: Timings = { copyImageMs: 0, buildMs: 0, testMs: 0, exportImageMs: 0, pushContainerMs: 0, fastLaunchMs: 0 };
  const all = { ...zero, ...timings };
  const srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: { ...spec, timings: all }, timings: all });
  try {
    const scope = { accountId: OWNER, region: regions[0]! };
    const cfg = await ibexCall(srv.url, 'PUT', '/CreateDistributionConfiguration', fanOutConfig('fan-out', accounts, regions));
    const t0 = performance.now();
    const out = await ibexCall(srv.url, 'PUT', '/DistributeImage', {
      sourceImage: SOURCE_AMI,
      distributionConfigurationArn: cfg.distributionConfigurationArn,
      executionRole: 'bench',
      clientToken: 'run-1',
    });
    const run = srv.services.runs.runsOfImage(scope, out.imageBuildVersionArn as string)[0]!;
    await srv.services.distribution.runner.start(scope, run.runId);
    const wallMs = performance.now() - t0;
    const steps = srv.services.runs.steps(scope, run.runId);
    const done = srv.services.runs.getRun(scope, run.runId)!;
    const makespanMs = Date.parse(done.endTime!) - Date.parse(done.startTime);
    const cp = criticalPath(steps, all);
    return {
      regions: regionCount,
      accounts,
      steps: steps.length,
      failed: steps.filter((s) => s.status !== 'succeeded').length,
      wallMs,
      stepsPerS: steps.length / (wallMs / 1000),
      criticalPathMs: cp,
      makespanMs,
      ratio: cp > 0 ? makespanMs / cp : NaN,
    };
  } finally {
    await srv.close();
  }
}

/** One size of the growth curve, measured in its own process, with a second client's probes. */
export interface EngineSize {
  regions: number;
  accounts: number;
  status: string;
  steps: number;
  failed: number;
  wallMs: number;
  /** DistributeImage's own latency (the request, planning and writing the run). */
  distributeMs: number;
  cpuUsPerStep: number;
  stepsPerS: number;
  peakRssMb: number;
  /** Sequential GetImage and ListDistributionConfigurations from the parent while the run ran. */
  during: {
    probes: number;
    getImageP50: number;
    getImageP99: number;
    listP50: number;
    listP99: number;
    healthP99: number;
    /** The three slowest probes: which, how long, and when (ms after DistributeImage answered). */
    slowest: { path: string; ms: number; atMs: number }[];
  };
  after: { getImageMs: number; getImageKb: number; listExecutionsMs: number; stepsFirstPageMs: number; stepsMiddlePageMs: number };
}

/** Runs the engine child for each (accounts, Regions), probing the API from this process. */
export async function engineCurve(sizes: [accounts: number, regions: number][]): Promise<EngineSize[]> {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const { authHeaders } = await import('./lib/sigv4.js');
  const { percentile } = await import('./lib/stats.js');
  const results: EngineSize[] = [];
  for (const [accounts, regions] of sizes) {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/engine-child.ts', String(accounts), String(regions)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    let done: Omit<EngineSize, 'during'> | undefined;
    const get: number[] = [];
    const list: number[] = [];
    const health: number[] = [];
    const all: { path: string; ms: number; atMs: number }[] = [];
    let startedAt = 0;
    let probing: Promise<void> | undefined;
    const probe = async (url: string, imageArn: string): Promise<void> => {
      const headers = authHeaders('imagebuilder');
      const time = async (path: string, init: RequestInit, into: number[]) => {
        const t = performance.now();
        const res = await fetch(`${url}${path}`, init);
        await res.arrayBuffer();
        if (!res.ok) return;
        into.push(performance.now() - t);
        all.push({ path: path.replace(/\?.*/, ''), ms: Math.round(performance.now() - t), atMs: Math.round(t - startedAt) });
      };
      // Bounded: one request at a time, a round every 100 ms, until the child reports the run's
      // end. At 16 × 1,536 GetImage and the List each carry the ~1.7 MB configuration, so
      // unpaced probes would add their own serialization to the run's CPU per step.
      while (!done) {
        try {
          await time(`/GetImage?imageBuildVersionArn=${encodeURIComponent(imageArn)}`, { headers }, get);
          await time('/ListDistributionConfigurations', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' }, list);
          await time('/_ibex/health', {}, health);
        } catch {
          break; // the child closed its server
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    for await (const line of createInterface({ input: proc.stdout })) {
      const sp = line.indexOf(' ');
      const kind = line.slice(0, sp);
      const body = JSON.parse(line.slice(sp + 1)) as Record<string, unknown>;
      if (kind === 'started') startedAt = performance.now();
      if (kind === 'started') probing = probe(body.url as string, body.imageArn as string);
      if (kind === 'done') done = body as unknown as Omit<EngineSize, 'during'>;
    }
    await probing;
    if ((await exited) !== 0 || !done) throw new Error(`engine child ${accounts} × ${regions} failed`);
    for (const a of [get, list, health]) a.sort((x, y) => x - y);
    results.push({
      ...done,
      during: {
        probes: get.length,
        getImageP50: percentile(get, 50),
        getImageP99: percentile(get, 99),
        listP50: percentile(list, 50),
        listP99: percentile(list, 99),
        healthP99: percentile(health, 99),
        slowest: all.sort((x, y) => y.ms - x.ms).slice(0, 3),
      },
    });
  }
  return results;
}
