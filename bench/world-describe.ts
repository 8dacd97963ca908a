// DescribeImages over HTTP (EC2 query protocol) with a large world — 50 accounts × 16 Regions ×
// `perScope` AMIs (100,000 at 125) shared privately, to one account, to an OU, to the
// organization and publicly: p99 latency by ImageIds, by Owners=self and by a `name` filter
// (sequential, one keep-alive connection), and req/s of one-id DescribeImages against the bare
// node:http ceiling in paired rounds, and against moto's DescribeImages (same closed-loop client).
// Every server is its own process on 127.0.0.1; every loop is bounded by count or time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMERCIAL_REGIONS, type WorldSpec } from '../src/world/index.js';
import type { ImageSpec } from '../src/world/spec.js';
import { closedLoop, load, type LoadResult } from './lib/load.js';
import { startMoto, startNodeChild, type Child } from './lib/procs.js';
import { authHeaders } from './lib/sigv4.js';
import { percentile } from './lib/stats.js';

const ACCOUNTS = 50;
const REGIONS = COMMERCIAL_REGIONS.slice(0, 16);
const REGION = REGIONS[3]!;
const ORG = 'o-benchbench01';
const MGMT = '100000000000';
const acct = (i: number): string => String(100000000000 + i);
const hex = (n: number): string => n.toString(16).padStart(17, '0');
const ouArn = (k: number): string => `arn:aws:organizations::${MGMT}:ou/${ORG}/ou-bnch-${String(k).padStart(8, '0')}`;

/** `perScope` AMIs in every account and Region, named img-0…; a mix of sharing routes. */
export function describeWorld(perScope: number): WorldSpec {
  let n = 0;
  const accounts = Array.from({ length: ACCOUNTS }, (_, a) => ({
    id: acct(a),
    images: REGIONS.flatMap((region) =>
      Array.from({ length: perScope }, (_, i): ImageSpec => {
        n++;
        const route = i % 5;
        return {
          region,
          imageId: `ami-${hex(n)}`,
          name: `img-${i}`,
          launchPermissions:
            route === 1
              ? { userIds: [acct((a + 1) % ACCOUNTS)] }
              : route === 2
                ? { organizationalUnitArns: [ouArn(a % 5)] }
                : route === 3
                  ? { organizationArns: [`arn:aws:organizations::${MGMT}:organization/${ORG}`] }
                  : route === 4 && i < 10
                    ? { userGroups: ['all'] }
                    : {},
        };
      }),
    ),
  }));
  const units = Array.from({ length: 5 }, (_, k) => ({
    id: `ou-bnch-${String(k).padStart(8, '0')}`,
    name: `top-${k}`,
    accounts: [],
    units: [
      {
        id: `ou-bnch-${String(k + 10).padStart(8, '0')}`,
        name: `nested-${k}`,
        accounts: accounts.filter((_, a) => a % 5 === k && a !== 0).map((x) => x.id),
        units: [],
      },
    ],
  }));
  return { defaultAccountId: MGMT, regions: [...REGIONS], organizations: [{ id: ORG, managementAccountId: MGMT, units }], accounts };
}

/** The throughput probe: account 6 asks for account 1's image #2 in REGION, shared with its nested OU. */
export function worldProbe(perScope = 125): { method: string; path: string; headers: Record<string, string>; body: string } {
  const first = 1 + (1 * REGIONS.length + 3) * perScope;
  return { method: 'POST', path: '/', headers: headers(acct(6)), body: form({ 'ImageId.1': `ami-${hex(first + 2)}` }) };
}

export interface LatencyRow {
  query: string;
  images: number;
  p50: number;
  p99: number;
  n: number;
}

export interface WorldBench {
  amis: number;
  startMs: number;
  latency: LatencyRow[];
  throughput: LoadResult[];
  ratios: Record<string, number>;
  moto: string;
}

const form = (params: Record<string, string>): string => new URLSearchParams({ Action: 'DescribeImages', Version: '2016-11-15', ...params }).toString();
const headers = (account: string) => ({ ...authHeaders('ec2', account, REGION), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });

/** One POST on a keep-alive agent: status, body and elapsed ms. */
function post(url: string, agent: Agent, body: string, h: Record<string, string>): Promise<{ status: number; text: string; ms: number }> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: 'POST', path: '/', agent, headers: { ...h, 'content-length': Buffer.byteLength(body) }, timeout: 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const count = (xml: string): number => (xml.match(/<imageId>/g) ?? []).length;

/** Sequential latency of one query after a warm-up; checks every answer is 200 with `expect` images. */
async function sequential(url: string, query: string, body: string, account: string, expect: number, n: number): Promise<LatencyRow> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const h = headers(account);
  try {
    const times: number[] = [];
    for (let i = 0; i < n + Math.min(200, n); i++) {
      const r = await post(url, agent, body, h);
      if (r.status !== 200 || count(r.text) !== expect)
        throw new Error(`${query}: status ${r.status}, ${count(r.text)} images (expected ${expect}): ${r.text.slice(0, 300)}`);
      if (i >= Math.min(200, n)) times.push(r.ms);
    }
    times.sort((a, b) => a - b);
    return { query, images: expect, p50: percentile(times, 50), p99: percentile(times, 99), n };
  } finally {
    agent.destroy();
  }
}

/**
 * Runs the benchmark. `perScope` 125 gives 100,000 AMIs; `seqN` requests per latency row;
 * `rounds` × `roundS` s of paired throughput; moto only when `withMoto` (and when it starts).
 */
export async function worldBench(o: { perScope: number; seqN: number; rounds: number; roundS: number; motoS: number; withMoto: boolean }): Promise<WorldBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ibex-bench-world-'));
  const file = join(dir, 'world.json');
  writeFileSync(file, JSON.stringify(describeWorld(o.perScope)));
  const amis = ACCOUNTS * REGIONS.length * o.perScope;
  const t0 = performance.now();
  const ibex: Child = await startNodeChild('bench/lib/ibex-child.ts', ['--world', file]);
  const startMs = performance.now() - t0;
  const bare: Child = await startNodeChild('bench/lib/ceiling-child.ts');
  const latency: LatencyRow[] = [];
  const throughput: LoadResult[] = [];
  const ratios: Record<string, number> = {};
  let moto = 'not run';
  try {
    // Account 6 is in nested OU 1; account 1's image #2 in REGION is shared with OU 1 (depth 2).
    const firstOfScope = (a: number, r: number) => 1 + (a * REGIONS.length + r) * o.perScope;
    const ouShared = `ami-${hex(firstOfScope(1, 3) + 2)}`;
    const caller = acct(6);
    const byId = form({ 'ImageId.1': ouShared });
    latency.push(await sequential(ibex.url, 'ImageIds (one id, shared through a nested OU)', byId, caller, 1, o.seqN));
    latency.push(await sequential(ibex.url, `Owners=self (${o.perScope} owned in the Region)`, form({ 'Owner.1': 'self' }), caller, o.perScope, o.seqN));
    // img-3 is organization-shared by every account: one per account is visible.
    latency.push(
      await sequential(
        ibex.url,
        'Filter name=img-3 (any owner: one visible per account)',
        form({ 'Filter.1.Name': 'name', 'Filter.1.Value.1': 'img-3' }),
        caller,
        ACCOUNTS,
        o.seqN,
      ),
    );
    latency.push(
      await sequential(
        ibex.url,
        'Owners=self + Filter name=img-1*',
        form({ 'Owner.1': 'self', 'Filter.1.Name': 'name', 'Filter.1.Value.1': 'img-1*' }),
        caller,
        [...Array(o.perScope).keys()].filter((i) => String(i).startsWith('1')).length,
        o.seqN,
      ),
    );

    // Throughput: one-id DescribeImages against the ceiling, alternating rounds (apiBench's pairing).
    // autocannon sets content-length itself.
    const req = { method: 'POST', path: '/', headers: headers(caller), body: byId };
    await load({ name: 'warm-up', url: ibex.url, durationS: 1, requests: [req] });
    const c: LoadResult[] = [];
    const g: LoadResult[] = [];
    const pairs: number[] = [];
    for (let i = 0; i < o.rounds; i++) {
      c.push(await load({ name: 'ceiling POST (200-byte JSON)', url: bare.url, durationS: o.roundS, requests: [req], pid: bare.pid }));
      g.push(await load({ name: 'ibex DescribeImages (one id)', url: ibex.url, durationS: o.roundS, requests: [req], pid: ibex.pid }));
      pairs.push(g[i]!.rps / c[i]!.rps);
    }
    const mean = (xs: LoadResult[], f: (r: LoadResult) => number) => xs.reduce((a, r) => a + f(r), 0) / xs.length;
    for (const xs of [c, g])
      throughput.push({
        ...xs[0]!,
        rps: mean(xs, (r) => r.rps),
        p99: Math.max(...xs.map((r) => r.p99)),
        requests: xs.reduce((a, r) => a + r.requests, 0),
        errors: xs.reduce((a, r) => a + r.errors, 0),
        cpuUsPerReq: mean(xs, (r) => r.cpuUsPerReq ?? NaN),
      });
    ratios['DescribeImages / ceiling'] = [...pairs].sort((a, b) => a - b)[Math.floor(pairs.length / 2)]!;

    if (o.withMoto) {
      const m = await startMoto().catch((e: Error) => e);
      if (m instanceof Error) moto = `did not start: ${m.message}`;
      else {
        try {
          // moto's own AMI, registered in the same account ibex's caller uses.
          const agent = new Agent({ keepAlive: false });
          const reg = await post(
            m.url,
            agent,
            new URLSearchParams({ Action: 'RegisterImage', Version: '2016-11-15', Name: 'bench-moto' }).toString(),
            headers(caller),
          );
          const motoId = /<imageId>(ami-[0-9a-f]+)<\/imageId>/.exec(reg.text)?.[1];
          if (reg.status !== 200 || !motoId) throw new Error(`moto RegisterImage: ${reg.status} ${reg.text.slice(0, 200)}`);
          const motoBody = form({ 'ImageId.1': motoId });
          const check = await post(m.url, agent, motoBody, headers(caller));
          if (check.status !== 200 || count(check.text) !== 1) throw new Error(`moto DescribeImages: ${check.status} ${check.text.slice(0, 200)}`);
          const mreq = () => ({ method: 'POST', path: '/', headers: headers(caller), body: motoBody });
          const ireq = () => ({ method: 'POST', path: '/', headers: req.headers, body: byId });
          const mr = await closedLoop({
            name: "moto DescribeImages (one id, among moto's own AMIs)",
            url: m.url,
            durationS: o.motoS,
            request: mreq,
            pid: m.pid,
          });
          const ir = await closedLoop({
            name: "ibex DescribeImages (one id), new connection per request (moto's client)",
            url: ibex.url,
            durationS: o.motoS,
            request: ireq,
            pid: ibex.pid,
          });
          throughput.push(mr, ir);
          ratios['DescribeImages / moto DescribeImages'] = g.reduce((a, r) => a + r.rps, 0) / g.length / mr.rps;
          ratios['DescribeImages / moto DescribeImages, same client'] = ir.rps / mr.rps;
          moto = 'ran';
        } finally {
          await m.stop();
        }
      }
    }
  } finally {
    await bare.stop();
    await ibex.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { amis, startMs, latency, throughput, ratios, moto };
}
