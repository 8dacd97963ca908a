// Test helper: runs the real `ibex serve` as a child process (for crash and shutdown tests),
// waits until it is healthy (bounded), and kills it hard.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const children = new Set<ChildProcess>();

/** A port nobody listens on right now (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** A running `ibex serve` child. */
export interface Child {
  proc: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `ibex serve --data-dir DIR` (on `port`, else a free one) and waits for /_ibex/health. */
export async function startChild(dataDir: string, opts: { port?: number; args?: string[]; env?: Record<string, string> } = {}): Promise<Child> {
  const port = opts.port ?? (await freePort());
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--data-dir', dataDir, '--port', String(port), '--log-level', 'silent', ...(opts.args ?? [])],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}) },
  );
  children.add(proc);
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      res({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`ibex exited before becoming healthy: ${err}`);
    try {
      const r = await fetch(`${url}/_ibex/health`);
      if (r.status === 200) return { proc, port, url, stderr: () => err, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`ibex did not become healthy within 30 s: ${err}`);
}

/** Resolves once the child printed `IBEX_PAUSED <point>` (the IBEX_PAUSE_AT test hook), bounded. */
export async function pausedAt(child: Child, point: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!child.stderr().includes(`IBEX_PAUSED ${point}`)) {
    if (Date.now() > until) throw new Error(`ibex did not pause at ${point}: ${child.stderr()}`);
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`ibex exited before pausing at ${point}: ${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** kill -9, resolving once the process is gone. */
export async function killHard(child: Child): Promise<void> {
  child.proc.kill('SIGKILL');
  await child.exited;
}

/** Kills every child still running (call in `after`). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
