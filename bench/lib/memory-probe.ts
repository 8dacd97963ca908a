// The parent side of `ibex-child.ts`'s memory commands: one command line on the child's stdin,
// one JSON answer line on its stdout, answered in order.
import type { Child } from './procs.js';

export interface ChildMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** heapUsed right after the child's latest major GC (null before the first one). */
  lastMajorGc: { atMs: number; heapUsed: number } | null;
  /** Major GCs V8 ran by itself (forced ones left out). */
  majorGcs: number;
  /** The simulated world's stored records (only in `gc` answers). */
  worldRecords?: number;
}

/** The end-of-run measurement of the heap held by the simulated world's in-memory records. */
export interface WorldHeap {
  withWorld: number;
  withoutWorld: number;
  worldRecords: number;
}

/** What ibex stores (see the child's `state` command). */
export interface ChildState {
  rows: Record<string, number>;
  worldRows: Record<string, number>;
  dbBytes: number;
  worldMemory: Record<string, number>;
}

export interface MemoryProbe {
  /** Memory now, no GC forced. */
  mem(): Promise<ChildMemory>;
  /** Memory after a forced full GC (the child must run with --expose-gc). */
  gc(): Promise<ChildMemory>;
  /** Writes a heap snapshot in the child; resolves with its path. */
  snapshot(path: string): Promise<string>;
  /** Rows stored per table and world kind, database bytes, in-memory world record counts. */
  state(): Promise<ChildState>;
  /** Destructive (the child's world forgets its in-memory records): use last. */
  worldHeap(): Promise<WorldHeap>;
}

export function memoryProbe(child: Child, timeoutMs = 30_000): MemoryProbe {
  const waiting: { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  let buf = '';
  child.proc.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const w = waiting.shift();
      if (!w) continue;
      try {
        const o = JSON.parse(line) as Record<string, unknown>;
        if (typeof o.error === 'string') w.reject(new Error(o.error));
        else w.resolve(o);
      } catch (e) {
        w.reject(e as Error);
      }
    }
  });
  const send = (cmd: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`child did not answer '${cmd}' in ${timeoutMs} ms`)), timeoutMs);
      waiting.push({
        resolve: (v) => (clearTimeout(t), resolve(v)),
        reject: (e) => (clearTimeout(t), reject(e)),
      });
      child.proc.stdin!.write(`${cmd}\n`);
    });
  return {
    mem: async () => (await send('mem')).mem as ChildMemory,
    gc: async () => (await send('gc')).gc as ChildMemory,
    snapshot: async (path) => (await send(`snap ${path}`)).snap as string,
    state: async () => (await send('state')).state as ChildState,
    worldHeap: async () => (await send('world-heap')).worldHeap as WorldHeap,
  };
}
