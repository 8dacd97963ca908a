// Child-process entry: runs ibex in-process with silent logs (as `ibex serve` would, but from the
// TypeScript sources through tsx) and prints `{"port":N}`. Args: [--data-dir DIR] [--world FILE].
//
// Memory probes for the soak, without touching ibex's server code: the parent writes one command
// per line on our stdin and reads one JSON line per command on our stdout (see `memory-probe.ts`).
//   mem        → {"mem":{rss,heapTotal,heapUsed,external,arrayBuffers, lastMajorGc}} (no GC forced;
//                lastMajorGc is heapUsed right after the last *natural* mark-compact, or null)
//   gc         → the same after a forced full GC (needs --expose-gc), as {"gc":{…}}, plus
//                worldRecords: the simulated world's records held in memory (rows but tokens)
//   snap PATH  → writes a V8 heap snapshot to PATH, then {"snap":"PATH"}
//   state      → what ibex stores: rows per table, world rows per kind, database bytes, and the
//                simulated world's in-memory record counts, as {"state":{…}}
//   world-heap → DESTRUCTIVE, last command only: heap used after a full GC, with the simulated
//                world's in-memory records and then without them (its SQLite rows stay), as
//                {"worldHeap":{withWorld, withoutWorld, worldRecords}}: what the world's JS maps hold
import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
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

// Heap used right after V8's latest own major GC (mark-compact). The observer runs just after
// the GC, before much new allocation, so this tracks live data without forcing any collection.
// Only with --expose-gc (the soak), so that the throughput benchmarks' child runs no observer.
const gc = (globalThis as { gc?: () => void }).gc;
let lastMajorGc: { atMs: number; heapUsed: number } | null = null;
let majorGcs = 0;
if (gc)
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Natural (not forced by `gc`) mark-sweep-compacts only.
      const d = e.detail as { kind?: number; flags?: number } | undefined;
      if (d?.kind === constants.NODE_PERFORMANCE_GC_MAJOR && !((d.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED)) {
        majorGcs++;
        lastMajorGc = { atMs: Math.round(performance.now()), heapUsed: getHeapStatistics().used_heap_size };
      }
    }
  }).observe({ entryTypes: ['gc'] });

// Bench-only introspection of the stored state (the world's maps are private, hence the casts).
const worldState = () => (server.world as unknown as { state: { clearMemory(): void } & Record<string, unknown> }).state;
// Client tokens are kept in SQLite only (src/cloud/simulated/state.ts): count what memory holds.
const worldRecordsStmt = server.db.prepare("SELECT COUNT(*) AS n FROM world_resources WHERE kind <> 'token'");
const worldRecords = () => (worldRecordsStmt.get() as { n: number }).n;
const state = () => {
  const db = server.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const rows = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  const worldRows = Object.fromEntries(
    (db.prepare('SELECT kind, COUNT(*) AS n FROM world_resources GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]),
  );
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const worldMemory = Object.fromEntries(Object.entries(worldState()).flatMap(([k, v]) => (v instanceof Map || v instanceof Set ? [[k, v.size]] : [])));
  return { rows, worldRows, dbBytes: pages * pageSize, worldMemory };
};

const mem = () => ({ ...process.memoryUsage(), lastMajorGc, majorGcs });
const reply = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
let pending = '';
process.stdin.on('data', (chunk: Buffer) => {
  pending += chunk.toString();
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const [cmd, ...rest] = pending.slice(0, nl).trim().split(' ');
    pending = pending.slice(nl + 1);
    if (cmd === 'mem') reply({ mem: mem() });
    else if (cmd === 'gc') {
      if (!gc) reply({ error: 'gc needs --expose-gc' });
      else {
        gc();
        reply({ gc: { ...mem(), worldRecords: worldRecords() } });
      }
    } else if (cmd === 'world-heap') {
      if (!gc) reply({ error: 'world-heap needs --expose-gc' });
      else {
        const records = worldRecords();
        gc();
        const withWorld = process.memoryUsage().heapUsed;
        worldState().clearMemory();
        gc();
        reply({ worldHeap: { withWorld, withoutWorld: process.memoryUsage().heapUsed, worldRecords: records } });
      }
    } else if (cmd === 'state') reply({ state: state() });
    else if (cmd === 'snap') reply({ snap: writeHeapSnapshot(rest.join(' ') || undefined) });
    else if (cmd) reply({ error: `unknown command ${cmd}` });
  }
});
// The parent holds our stdin open: when it goes away (even killed), so do we.
process.stdin.on('end', shutdown);
process.stdin.resume();
