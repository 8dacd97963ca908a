// Follows a distribution until the image is terminal (bounded by a timeout): redraws bars on a
// terminal, prints a line per job change otherwise; resolves the exit code (0 AVAILABLE, 1 not).
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { CliError } from './connection.js';
import { isFinished } from '../client/index.js';
import { fetchProgress, type Progress } from './progress.js';
import { jobLine, progressFrame, summary } from './render.js';

export interface WatchOptions {
  json?: boolean;
  timeoutSeconds: number;
  intervalMs?: number;
  out?: NodeJS.WriteStream;
}

export async function watch(client: ImagebuilderClient, arn: string, o: WatchOptions): Promise<number> {
  const out = o.out ?? process.stdout;
  const tty = Boolean(out.isTTY) && !o.json;
  const until = Date.now() + o.timeoutSeconds * 1000;
  const seen = new Map<string, string>();
  let drawn = 0;
  let last: Progress | undefined;
  let lastStatus = '';
  for (;;) {
    const p = await fetchProgress(client, arn);
    last = p;
    if (tty) {
      const frame = progressFrame(p);
      // Move up over the previous frame and clear it before drawing the new one.
      if (drawn) out.write(`\x1b[${drawn}A\x1b[0J`);
      out.write(`${frame}\n`);
      drawn = frame.split('\n').length;
    } else if (!o.json) {
      for (const j of p.jobs) {
        if (seen.get(j.key) !== j.status) out.write(`${jobLine(j)}\n`);
        seen.set(j.key, j.status);
      }
      if (p.status !== lastStatus) out.write(`image ${p.status}\n`);
    }
    lastStatus = p.status;
    if (isFinished(p.status)) break;
    if (Date.now() > until) throw new CliError(`timed out after ${o.timeoutSeconds}s; the image is still ${p.status} (follow it with: ibex status ${arn})`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 500));
  }
  if (o.json) out.write(`${JSON.stringify(last, null, 2)}\n`);
  else out.write(`${summary(last)}\n`);
  return last.status === 'AVAILABLE' ? 0 : 1;
}
