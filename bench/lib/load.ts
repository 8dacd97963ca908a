// A bounded autocannon run (fixed duration, loopback only) reduced to the numbers we report.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** Server CPU (user + system) per request, µs, when the server's pid is known. */
  cpuUsPerReq?: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  durationS: number;
  connections?: number;
  /** autocannon request templates (method, path, headers, body, setupRequest). */
  requests: autocannon.Request[];
  /** The server's pid, to measure its CPU time per request. */
  pid?: number;
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; 10 ms ticks). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** Runs one load and counts transport errors, timeouts and non-2xx answers as errors. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  if (!spec.url.startsWith('http://127.0.0.1:')) throw new Error('benchmarks send traffic to 127.0.0.1 only');
  const cpu0 = spec.pid ? cpuSeconds(spec.pid) : 0;
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections ?? 10,
    duration: spec.durationS,
    requests: spec.requests,
    timeout: 10,
  });
  return {
    name: spec.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
    ...(spec.pid ? { cpuUsPerReq: ((cpuSeconds(spec.pid) - cpu0) * 1e6) / Math.max(1, r.requests.total) } : {}),
  };
}

/**
 * A bounded closed loop of `connections` workers on node:http, one new connection per request.
 * For moto: its Werkzeug server answers `Connection: close`, which autocannon 9 does not recover
 * from (each of its connections stalls after one response), so moto gets this client instead.
 */
export async function closedLoop(
  spec: Omit<LoadSpec, 'requests'> & { request: () => { method: string; path: string; headers: Record<string, string>; body?: string } },
): Promise<LoadResult> {
  if (!spec.url.startsWith('http://127.0.0.1:')) throw new Error('benchmarks send traffic to 127.0.0.1 only');
  const { request: httpRequest } = await import('node:http');
  const target = new URL(spec.url);
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = spec.pid ? cpuSeconds(spec.pid) : 0;
  const t0 = performance.now();
  const deadline = t0 + spec.durationS * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const r = spec.request();
      const started = performance.now();
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: r.method,
          path: r.path,
          headers: { ...r.headers, connection: 'close' },
          agent: false,
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) errors++;
            else latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  const worker = async () => {
    while (performance.now() < deadline) await one();
  };
  await Promise.all(Array.from({ length: spec.connections ?? 10 }, worker));
  const elapsedS = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  const cpu = spec.pid ? { cpuUsPerReq: ((cpuSeconds(spec.pid) - cpu0) * 1e6) / Math.max(1, latencies.length) } : {};
  return { name: spec.name, rps: latencies.length / elapsedS, p50: pct(50), p99: pct(99), requests: latencies.length + errors, errors, ...cpu };
}
