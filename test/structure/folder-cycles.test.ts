// The layers of src/ (docs/architecture.md) as a check: no import cycle between top-level folders.
// Handlers (operations/) sit on pipelines/, beyond/ and workflows/, which take only the core
// services (app/services.ts) and what they name; the engine owns its storage ports
// (engine/run-ports.ts) and the simulated cloud its rows port (cloud/simulated/world-rows.ts),
// which the SQLite adapters in store/ implement. A new cycle fails, naming its edges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { folderCycles, folderEdges } from '../../tools/folder-graph.js';

describe('folder layers', () => {
  it('has no import cycle between top-level folders', () => {
    const cycles = folderCycles(folderEdges('src')).map((c) => c.join(','));
    assert.deepEqual(cycles, [], `folder cycle(s): ${cycles.join(' | ')} — see node --import tsx tools/folder-graph.ts`);
  });

  it('finds a cycle when one exists (the checker itself)', () => {
    const edges = [
      { from: 'a', to: 'b', via: [] },
      { from: 'b', to: 'c', via: [] },
      { from: 'c', to: 'a', via: [] },
      { from: 'c', to: 'd', via: [] },
    ];
    assert.deepEqual(folderCycles(edges), [['a', 'b', 'c']]);
  });

  it('keeps the bottom layers at the bottom: model depends on nothing, domain only on model', () => {
    const edges = folderEdges('src');
    assert.ok(
      edges.some((e) => e.from === 'operations' && e.to === 'model'),
      'the graph sees real edges',
    );
    assert.deepEqual(
      edges.filter((e) => e.from === 'model').map((e) => `${e.to}: ${e.via[0]}`),
      [],
    );
    assert.deepEqual(
      edges.filter((e) => e.from === 'domain' && e.to !== 'model').map((e) => `${e.to}: ${e.via[0]}`),
      [],
    );
  });

  it('names a database adapter only in the composition root: store/sqlite is imported by store/ and server/ alone', () => {
    // Everything else reaches state through the ports (store/ports.ts, engine/run-ports.ts,
    // cloud/simulated/world-rows.ts), so a second dialect (#13) replaces the adapters in one place.
    const outside = readdirRecursive('src')
      .filter((f) => !/^src\/(store|server)\//.test(f))
      .filter((f) => /from\s+'[^']*store\/sqlite\//.test(readFileSync(f, 'utf8')));
    assert.deepEqual(outside, []);
  });
});

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? readdirRecursive(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}
