// Compares two V8 heap snapshots (e.g. from `bench/soak.ts --snap-at=120,240 --snap-dir=DIR`):
// what grew, by kind of object, and how much of the heap stays reachable from the GC roots when
// objects of the named classes are cut out (strong edges only) — the heap *not* held by them.
//   node --max-old-space-size=6000 --import tsx bench/lib/heap-diff.ts A.heapsnapshot B.heapsnapshot [--cut=WorldState] [--top=25]
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

class Heap {
  private readonly s: Snapshot;
  private readonly N: number;
  private readonly E: number;
  private readonly f: Record<'type' | 'name' | 'size' | 'edges' | 'eType' | 'eTo', number>;
  private readonly firstEdge: Uint32Array;
  readonly count: number;

  constructor(path: string) {
    this.s = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    const m = this.s.snapshot.meta;
    this.N = m.node_fields.length;
    this.E = m.edge_fields.length;
    this.f = {
      type: m.node_fields.indexOf('type'),
      name: m.node_fields.indexOf('name'),
      size: m.node_fields.indexOf('self_size'),
      edges: m.node_fields.indexOf('edge_count'),
      eType: m.edge_fields.indexOf('type'),
      eTo: m.edge_fields.indexOf('to_node'),
    };
    this.count = this.s.nodes.length / this.N;
    this.firstEdge = new Uint32Array(this.count + 1);
    for (let i = 0, e = 0; i < this.count; i++) {
      this.firstEdge[i] = e;
      e += this.s.nodes[i * this.N + this.f.edges]! * this.E;
      this.firstEdge[i + 1] = e;
    }
  }

  type(i: number): string {
    return this.s.snapshot.meta.node_types[0][this.s.nodes[i * this.N + this.f.type]!]!;
  }

  name(i: number): string {
    return this.s.strings[this.s.nodes[i * this.N + this.f.name]!]!;
  }

  size(i: number): number {
    return this.s.nodes[i * this.N + this.f.size]!;
  }

  /** Self sizes and counts grouped by a coarse kind (strings together, objects by class). */
  byKind(): Map<string, { n: number; bytes: number }> {
    const out = new Map<string, { n: number; bytes: number }>();
    for (let i = 0; i < this.count; i++) {
      const t = this.type(i);
      const k = t === 'string' || t === 'concatenated string' || t === 'sliced string' ? '(strings)' : t === 'object' ? this.name(i).slice(0, 60) : `(${t})`;
      const e = out.get(k) ?? { n: 0, bytes: 0 };
      e.n++;
      e.bytes += this.size(i);
      out.set(k, e);
    }
    return out;
  }

  /** Bytes reachable from the roots over strong edges, not entering nodes for which `cut` holds. */
  reachable(cut: (i: number) => boolean = () => false): number {
    const weak = this.s.snapshot.meta.edge_types[0].indexOf('weak');
    const seen = new Uint8Array(this.count);
    const stack = [0];
    seen[0] = 1;
    let bytes = 0;
    while (stack.length) {
      const i = stack.pop()!;
      bytes += this.size(i);
      for (let e = this.firstEdge[i]!; e < this.firstEdge[i + 1]!; e += this.E) {
        if (this.s.edges[e + this.f.eType] === weak) continue;
        const to = this.s.edges[e + this.f.eTo]! / this.N;
        if (seen[to] || cut(to)) continue;
        seen[to] = 1;
        stack.push(to);
      }
    }
    return bytes;
  }
}

const [pathA, pathB] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!pathA || !pathB) throw new Error('usage: heap-diff.ts A.heapsnapshot B.heapsnapshot [--cut=Class,…] [--top=N]');
const cuts = (process.argv.find((a) => a.startsWith('--cut='))?.slice(6) ?? 'WorldState').split(',').filter(Boolean);
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const mb = (b: number) => (b / 1e6).toFixed(2);

const heaps = [new Heap(pathA), new Heap(pathB)] as const;
const kinds = heaps.map((h) => h.byKind());
console.log('bytes (MB)            A        B        B − A');
for (const h of [null, ...cuts]) {
  const [a, b] = heaps.map((x) => (h === null ? x.reachable() : x.reachable((i) => x.type(i) === 'object' && x.name(i) === h)));
  console.log(`${(h === null ? 'reachable' : `without ${h}`).padEnd(18)} ${mb(a!).padStart(8)} ${mb(b!).padStart(8)} ${mb(b! - a!).padStart(8)}`);
}
console.log(`\nlargest growth by kind (self sizes)\n${'Δ bytes'.padStart(10)} ${'Δ count'.padStart(8)} ${'count'.padStart(8)}  kind`);
const rows = [...new Set([...kinds[0].keys(), ...kinds[1].keys()])]
  .map((k) => {
    const a = kinds[0].get(k) ?? { n: 0, bytes: 0 };
    const b = kinds[1].get(k) ?? { n: 0, bytes: 0 };
    return { k, db: b.bytes - a.bytes, dn: b.n - a.n, n: b.n };
  })
  .sort((x, y) => y.db - x.db);
for (const r of rows.slice(0, top)) console.log(`${String(r.db).padStart(10)} ${String(r.dn).padStart(8)} ${String(r.n).padStart(8)}  ${r.k}`);
