// The import graph between src/'s top-level folders, and its cycles (strongly connected
// components of more than one folder). Used by test/structure/folder-cycles.test.ts so that a new
// cycle between layers fails CI; `node --import tsx tools/folder-graph.ts` prints the graph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface FolderEdge {
  from: string;
  to: string;
  /** The importing file and the specifier, for the report. */
  via: string[];
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Every edge between two different top-level folders of `srcDir` (type-only imports included:
 *  a type import is a dependency too). */
export function folderEdges(srcDir = 'src'): FolderEdge[] {
  const root = resolve(srcDir);
  const top = (abs: string): string | undefined => {
    const rel = relative(root, abs);
    if (rel.startsWith('..')) return undefined;
    const parts = rel.split(sep);
    return parts.length > 1 ? parts[0] : '(root)';
  };
  const edges = new Map<string, FolderEdge>();
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
      const from = top(file);
      const to = top(resolve(dirname(file), m[1]));
      if (!from || !to || from === to) continue;
      const key = `${from}->${to}`;
      const e = edges.get(key) ?? { from, to, via: [] };
      e.via.push(`${relative(root, file)} → ${m[1]}`);
      edges.set(key, e);
    }
  }
  return [...edges.values()];
}

/** The folder cycles: each a sorted list of the folders in one strongly connected component. */
export function folderCycles(edges: FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  // Tarjan's algorithm.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('tools/folder-graph.ts')) {
  const edges = folderEdges();
  const cycles = folderCycles(edges);
  for (const c of cycles) {
    console.log(`cycle: ${c.join(', ')}`);
    for (const e of edges.filter((e) => c.includes(e.from) && c.includes(e.to)))
      console.log(`  ${e.from} → ${e.to}: ${e.via.slice(0, 3).join('; ')}${e.via.length > 3 ? ` (+${e.via.length - 3})` : ''}`);
  }
  if (cycles.length === 0) console.log('no cycles between folders');
}
