// Start-up: process spawn to the first successful API request (ibex ListDistributionConfigurations,
// moto ListSchedules). ibex runs as `ibex serve --in-memory` from the build (dist/, after
// `npm run build`) when present, and always from the TypeScript sources through tsx.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort, startMoto, waitUntil } from './lib/procs.js';
import { authHeaders } from './lib/sigv4.js';

export interface StartupResult {
  name: string;
  runs: number[];
  medianMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function ibexOnce(entry: string[]): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...entry, 'serve', '--in-memory', '--port', String(port), '--log-level', 'silent'], { stdio: 'ignore' });
  try {
    return await waitUntil(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/ListDistributionConfigurations`, {
          method: 'POST',
          headers: { ...authHeaders('imagebuilder'), 'content-type': 'application/json' },
          body: '{}',
        });
        return res.ok;
      },
      t0,
      30_000,
    );
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => (proc.exitCode !== null ? r(undefined) : proc.once('exit', r)));
  }
}

/** Starts each server `reps` times and reports the median. */
export async function startupBench(reps: number): Promise<StartupResult[]> {
  const out: StartupResult[] = [];
  const targets: [string, () => Promise<number>][] = [];
  if (existsSync('dist/src/cli/main.js')) targets.push(['ibex serve (node dist/, built)', () => ibexOnce(['dist/src/cli/main.js'])]);
  targets.push(['ibex serve (tsx, from sources)', () => ibexOnce(['--import', 'tsx', 'src/cli/main.ts'])]);
  targets.push([
    'moto server',
    async () => {
      const m = await startMoto();
      await m.stop();
      return m.startMs;
    },
  ]);
  for (const [name, once] of targets) {
    const runs: number[] = [];
    for (let i = 0; i < reps; i++) runs.push(await once());
    out.push({ name, runs, medianMs: median(runs) });
  }
  return out;
}
