// Scale: List page latency (p50/p99, measured in-process over HTTP) and RSS with 10,000 and
// 100,000 stored distribution configurations; each size runs in its own process (clean RSS).
import { spawn } from 'node:child_process';

export interface ScaleResult {
  n: number;
  insertMs: number;
  firstP50: number;
  firstP99: number;
  randomP50: number;
  randomP99: number;
  rssMb: number;
}

/** Runs the scale child for each size. */
export async function scaleBench(sizes: number[], samples: number): Promise<ScaleResult[]> {
  const out: ScaleResult[] = [];
  for (const n of sizes) {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/scale-child.ts', String(n), String(samples)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    proc.stdout.on('data', (c: Buffer) => (buf += c.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    if (code !== 0) throw new Error(`scale child for ${n} exited with ${code}`);
    out.push(JSON.parse(buf.trim().split('\n').at(-1)!) as ScaleResult);
  }
  return out;
}
