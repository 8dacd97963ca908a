// Child-process entry: runs ibex in-process with silent logs (as `ibex serve` would, but from the
// TypeScript sources through tsx) and prints `{"port":N}`. Args: [--data-dir DIR] [--world FILE].
import { readFileSync } from 'node:fs';
import type * as App from '../../src/server/app.js';
import type { WorldSpec } from '../../src/world/index.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
// IBEX_BENCH_APP points at a compiled app.js (tsc output keeps line numbers for profiles).
const { startServer } = (await import(process.env.IBEX_BENCH_APP ?? '../../src/server/app.js')) as typeof App;
const dataDir = arg('--data-dir');
const worldFile = arg('--world');
const server = await startServer({
  port: 0,
  logLevel: 'silent',
  ...(dataDir ? { dataDir } : { inMemory: true }),
  ...(worldFile ? { worldSpec: JSON.parse(readFileSync(worldFile, 'utf8')) as WorldSpec } : {}),
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
const shutdown = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The parent holds our stdin open: when it goes away (even killed), so do we.
process.stdin.on('end', shutdown);
process.stdin.resume();
