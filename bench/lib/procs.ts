// Child processes the benchmarks measure: ibex (tsx, in-memory or a temp dir, silent logs), the
// bare node:http ceiling, and moto. Each listens on 127.0.0.1 only and is killed by its own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { authHeaders } from './sigv4.js';

export interface Child {
  proc: ChildProcess;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A free loopback port (moto needs one given up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      proc.kill('SIGTERM');
    });
}

/** Starts a node script that prints `{"port":N}` on its first stdout line once it listens. */
export function startNodeChild(script: string, args: string[] = [], nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s`)), 60_000);
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
    proc.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const { port } = JSON.parse(buf.slice(0, nl)) as { port: number };
      proc.stdout!.removeAllListeners('data');
      proc.stdout!.resume();
      resolve({ proc, pid: proc.pid!, url: `http://127.0.0.1:${port}`, stop: stopper(proc) });
    });
  });
}

/** Polls `probe` every few ms until it succeeds; resolves with the elapsed ms since `t0`. */
export async function waitUntil(probe: () => Promise<boolean>, t0: number, timeoutMs: number): Promise<number> {
  for (;;) {
    if (await probe().catch(() => false)) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Starts moto on a free port; ready (and timed) once a Scheduler ListSchedules succeeds. */
export async function startMoto(): Promise<Child & { startMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const startMs = await waitUntil(async () => (await fetch(`${url}/schedules`, { headers: authHeaders('scheduler') })).ok, t0, 30_000);
  return { proc, pid: proc.pid!, url, startMs, stop: stopper(proc) };
}
