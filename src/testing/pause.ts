// Crash-window test hook: `IBEX_TEST=1 IBEX_PAUSE_AT=<point>` makes the server block (the whole
// process, synchronously) at that point, inside the transaction under test, after printing
// `IBEX_PAUSED <point>` to stderr, so that a test can kill -9 it exactly there. Read only under
// IBEX_TEST; without it this is a no-op.
const point = process.env.IBEX_TEST ? process.env.IBEX_PAUSE_AT : undefined;
const gate = point ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

/** Blocks forever at `at` when the test environment asks for it (then only kill ends it). */
export function testPause(at: string): void {
  if (!gate || at !== point) return;
  process.stderr.write(`IBEX_PAUSED ${at}\n`);
  Atomics.wait(gate, 0, 0);
}
