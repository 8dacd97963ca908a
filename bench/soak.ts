// Soak (bounded): mixed API load (autocannon: Get, List, Create, Get) against an ibex child with
// a file database, while distributions run concurrently; counts every error and fits the child's
// RSS after warm-up (the first third) to a line: flat means no leak.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './lib/load.js';
import { startNodeChild } from './lib/procs.js';
import { authHeaders, ibexCall } from './lib/sigv4.js';
import { rssMb, slope } from './lib/stats.js';
import { fanOutConfig, fanOutWorld, SOURCE_AMI } from './lib/world.js';

export interface SoakResult {
  durationS: number;
  requests: number;
  rps: number;
  p99: number;
  apiErrors: number;
  distributions: number;
  distributionFailures: number;
  rssStartMb: number;
  rssEndMb: number;
  slopeMbPerMin: number;
}

/** `nodeArgs` go to the ibex child (e.g. a heap cap, to tell lazy heap growth from a leak). */
export async function soakBench(durationS: number, nodeArgs: string[] = []): Promise<SoakResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ibex-soak-'));
  const { spec, regions } = fanOutWorld(10, 3);
  writeFileSync(join(dir, 'world.json'), JSON.stringify(spec));
  const child = await startNodeChild('bench/lib/ibex-child.ts', ['--data-dir', join(dir, 'data'), '--world', join(dir, 'world.json')], nodeArgs);
  try {
    const cfg = await ibexCall(child.url, 'PUT', '/CreateDistributionConfiguration', fanOutConfig('soak', 10, regions));
    const arn = encodeURIComponent(cfg.distributionConfigurationArn as string);
    const ib = { ...authHeaders('imagebuilder'), 'content-type': 'application/json' };
    let n = 0;
    const config = () => ({ name: `soak-${n}`, clientToken: `soak-${n++}`, distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 's {{ imagebuilder:buildDate }}' } }] });
    const stopAt = Date.now() + durationS * 1000;
    const samples: [number, number][] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => void rssMb(child.pid).then((mb) => samples.push([(Date.now() - t0) / 1000, mb])), 250);
    // One distribution (3 Regions × 10 accounts, ~100 steps) started every 500 ms, bounded by time.
    const images: string[] = [];
    let distErrors = 0;
    const distributing = (async () => {
      while (Date.now() < stopAt - 1000) {
        try {
          const out = await ibexCall(child.url, 'PUT', '/DistributeImage', { sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg.distributionConfigurationArn, executionRole: 'soak', clientToken: `d-${images.length}` });
          images.push(out.imageBuildVersionArn as string);
        } catch {
          distErrors++;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const r = await load({
      name: 'soak',
      url: child.url,
      durationS,
      connections: 8,
      requests: [
        { method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib },
        { method: 'POST', path: '/ListDistributionConfigurations', headers: ib, body: '{}' },
        { method: 'PUT', path: '/CreateDistributionConfiguration', headers: ib, setupRequest: (req) => ({ ...req, body: JSON.stringify(config()) }) },
        { method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib },
      ],
    });
    await distributing;
    clearInterval(sampler);
    // Every distribution must end AVAILABLE (bounded wait for the last ones).
    let failures = 0;
    for (const image of images) {
      const until = Date.now() + 15_000;
      for (;;) {
        const out = await ibexCall(child.url, 'GET', `/GetImage?imageBuildVersionArn=${encodeURIComponent(image)}`);
        const status = (out.image as { state?: { status?: string } }).state?.status;
        if (status === 'AVAILABLE') break;
        if (status === 'FAILED' || Date.now() > until) {
          failures++;
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    const after = samples.filter(([t]) => t >= durationS / 3);
    return {
      durationS,
      requests: r.requests,
      rps: r.rps,
      p99: r.p99,
      apiErrors: r.errors + distErrors,
      distributions: images.length,
      distributionFailures: failures,
      rssStartMb: after[0]?.[1] ?? NaN,
      rssEndMb: after.at(-1)?.[1] ?? NaN,
      slopeMbPerMin: slope(after.map(([t]) => t), after.map(([, mb]) => mb)) * 60,
    };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
