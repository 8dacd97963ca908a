// Engine benchmark (issue 4), in-process: zero timings and a wide fan-out → steps per second,
// counted from the run's step rows; timings on and a smaller fan-out → makespan ÷ critical path.
import { startServer } from '../src/server/app.js';
import type { StepRecord } from '../src/store/sqlite/runs.js';
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
  const weight: Partial<Record<StepRecord['kind'], number>> = { waitImage: t.copyImageMs, waitExport: t.exportImageMs, fastLaunch: t.fastLaunchMs, pushContainer: t.pushContainerMs };
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
      sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg.distributionConfigurationArn, executionRole: 'bench', clientToken: 'run-1',
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
