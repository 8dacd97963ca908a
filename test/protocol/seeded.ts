// Seeded random choices for the protocol tests that compare two implementations over generated
// values (xml-compiled, world-validate-prune): the same values on every run.

/** mulberry32, as src/cloud/simulated/faults.ts uses for its seeded faults. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `xs`, drawn from `r`. */
export const pickWith =
  (r: () => number) =>
  <T>(xs: T[]): T =>
    xs[Math.floor(r() * xs.length)]!;
