// API throughput and latency (autocannon, bounded, 127.0.0.1): the bare node:http ceiling vs ibex
// Get/List/CreateDistributionConfiguration vs moto's rest-json Scheduler Get/List/CreateSchedule.
// ibex runs in its own process (tsx, in-memory, silent logs), like moto, so the comparison is fair.
// Get and the ceiling run in alternating paired rounds (apiBench) so the machine's other load
// cannot favour one side of the Get / ceiling ratio.
import { closedLoop, load, type LoadResult } from './lib/load.js';
import { startMoto, startNodeChild, type Child } from './lib/procs.js';
import { authHeaders, ibexCall } from './lib/sigv4.js';

export interface ApiBench {
  results: LoadResult[];
  ratios: Record<string, number>;
}

const CONFIG = (name: string, token: string) => ({
  name,
  clientToken: token,
  description: 'bench',
  distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'bench {{ imagebuilder:buildDate }}', amiTags: { team: 'bench' } } }],
  tags: { env: 'bench' },
});
const SCHEDULE = {
  ScheduleExpression: 'rate(5 minutes)',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', RoleArn: 'arn:aws:iam::123456789012:role/r' },
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Mean of the rounds' rates and CPU, median of their percentiles: one row for several rounds. */
function combine(rounds: LoadResult[]): LoadResult {
  const mean = (f: (r: LoadResult) => number) => rounds.reduce((a, r) => a + f(r), 0) / rounds.length;
  const median = (f: (r: LoadResult) => number) => rounds.map(f).sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
  return {
    name: rounds[0]!.name,
    rps: mean((r) => r.rps),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    requests: rounds.reduce((a, r) => a + r.requests, 0),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    ...(rounds.every((r) => r.cpuUsPerReq !== undefined) ? { cpuUsPerReq: mean((r) => r.cpuUsPerReq!) } : {}),
  };
}

/**
 * Runs every load for `durationS` seconds each (plus a short unmeasured warm-up). Get and the
 * ceiling instead alternate in `rounds` paired rounds of `roundS` seconds each, both servers up
 * at once: other load on the machine then hits both sides of each pair alike, and the ratio
 * reported is the median of the rounds' ratios (with its range).
 */
export async function apiBench(durationS: number, warmupS: number, rounds: number, roundS: number): Promise<ApiBench> {
  const results: LoadResult[] = [];
  const run = async (name: string, url: string, requests: Parameters<typeof load>[0]['requests'], pid?: number) => {
    if (warmupS > 0) await load({ name, url, durationS: warmupS, requests });
    const r = await load({ name, url, durationS, requests, ...(pid ? { pid } : {}) });
    results.push(r);
    return r;
  };
  const ib = authHeaders('imagebuilder');
  const json = { 'content-type': 'application/json' };

  const arn = encodeURIComponent('arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/seed-000');
  const get = { method: 'GET', path: `/GetDistributionConfiguration?distributionConfigurationArn=${arn}`, headers: ib };
  const getRatios: number[] = [];
  const coldRatios: number[] = [];

  // The ceiling receives the very request bytes ibex's Get receives (path, query, SigV4-shaped
  // headers), so the only difference between the two rows is what the server does with them.
  const bare: Child = await startNodeChild('bench/lib/ceiling-child.ts');
  const child: Child = await startNodeChild('bench/lib/ibex-child.ts');
  // The same ibex with its read cache off (src/store/sqlite/read-cache.ts): every Get reads SQLite,
  // as the first Get of a configuration after it was written does.
  const uncached: Child = await startNodeChild('bench/lib/ibex-child.ts', [], [], { IBEX_READ_CACHE_MAX: '0' });
  try {
    // 100 stored configurations with tags, so List returns full 25-item pages.
    for (const ibex of [child, uncached]) {
      for (let i = 0; i < 100; i++)
        await ibexCall(ibex.url, 'PUT', '/CreateDistributionConfiguration', CONFIG(`seed-${String(i).padStart(3, '0')}`, `seed-${i}`));
    }
    if (warmupS > 0) {
      for (const server of [bare, child, uncached]) await load({ name: 'warm-up', url: server.url, durationS: warmupS, requests: [get] });
    }
    const c: LoadResult[] = [];
    const g: LoadResult[] = [];
    const u: LoadResult[] = [];
    for (let i = 0; i < rounds; i++) {
      c.push(await load({ name: 'ceiling GET (200-byte JSON)', url: bare.url, durationS: roundS, requests: [get], pid: bare.pid }));
      g.push(await load({ name: 'ibex GetDistributionConfiguration', url: child.url, durationS: roundS, requests: [get], pid: child.pid }));
      u.push(
        await load({ name: 'ibex GetDistributionConfiguration, read cache off', url: uncached.url, durationS: roundS, requests: [get], pid: uncached.pid }),
      );
      getRatios.push(g[i]!.rps / c[i]!.rps);
      coldRatios.push(u[i]!.rps / c[i]!.rps);
    }
    await bare.stop();
    await uncached.stop();
    results.push(combine(c), combine(g), combine(u));
    await run(
      'ibex ListDistributionConfigurations (25)',
      child.url,
      [{ method: 'POST', path: '/ListDistributionConfigurations', headers: { ...ib, ...json }, body: '{}' }],
      child.pid,
    );
    results.push(
      await closedLoop({ name: "ibex Get, new connection per request (moto's client)", url: child.url, durationS, request: () => get, pid: child.pid }),
    );
    let n = 0;
    await run(
      'ibex CreateDistributionConfiguration',
      child.url,
      [
        {
          method: 'PUT',
          path: '/CreateDistributionConfiguration',
          headers: { ...ib, ...json },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(CONFIG(`load-${process.pid}-${n}`, `t-${n++}`)) }),
        },
      ],
      child.pid,
    );
  } finally {
    await bare.stop();
    await uncached.stop();
    await child.stop();
  }

  const moto = await startMoto();
  try {
    const sh = authHeaders('scheduler');
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${moto.url}/schedules/seed-${i}`, { method: 'POST', headers: { ...sh, ...json }, body: JSON.stringify(SCHEDULE) });
      if (!res.ok) throw new Error(`moto CreateSchedule: ${res.status} ${await res.text()}`);
    }
    // moto closes every connection, so it (and one ibex row for comparison) get the closed-loop client.
    const loop = async (name: string, url: string, request: Parameters<typeof closedLoop>[0]['request'], pid?: number) => {
      if (warmupS > 0) await closedLoop({ name, url, durationS: warmupS, request });
      const r = await closedLoop({ name, url, durationS, request, ...(pid ? { pid } : {}) });
      results.push(r);
    };
    await loop('moto GetSchedule', moto.url, () => ({ method: 'GET', path: '/schedules/seed-0', headers: sh }), moto.pid);
    await loop('moto ListSchedules (25)', moto.url, () => ({ method: 'GET', path: '/schedules', headers: sh }), moto.pid);
    let n = 0;
    await loop(
      'moto CreateSchedule',
      moto.url,
      () => ({ method: 'POST', path: `/schedules/load-${n++}`, headers: { ...sh, ...json }, body: JSON.stringify(SCHEDULE) }),
      moto.pid,
    );
  } finally {
    await moto.stop();
  }

  const rps = (prefix: string) => results.find((r) => r.name.startsWith(prefix))?.rps ?? NaN;
  const ceiling = rps('ceiling');
  return {
    results,
    ratios: {
      // Median of the paired rounds (see apiBench), and the rounds' spread.
      'Get / ceiling': median(getRatios),
      'Get / ceiling, lowest round': Math.min(...getRatios),
      'Get / ceiling, highest round': Math.max(...getRatios),
      'Get with read cache off / ceiling': median(coldRatios),
      'List / ceiling': rps('ibex List') / ceiling,
      'Create / ceiling': rps('ibex Create') / ceiling,
      'Get / moto Get': rps('ibex Get') / rps('moto Get'),
      'Get / moto Get, same client': rps('ibex Get, new') / rps('moto Get'),
      'List / moto List': rps('ibex List') / rps('moto List'),
      'Create / moto Create': rps('ibex Create') / rps('moto Create'),
    },
  };
}
