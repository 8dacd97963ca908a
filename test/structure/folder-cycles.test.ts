// The layers of src/ (docs/architecture.md) as a check: no new import cycle between top-level
// folders. Two cycles remain and are listed here with why; each goes with the async-store work of
// issue #13, which replaces the composition (`Services` with a raw database, lazy getters) they
// come from. A folder joining a cycle, or a new cycle, fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { folderCycles, folderEdges } from '../../tools/folder-graph.js';

const KNOWN: Record<string, string> = {
  // pipelines/, workflows/ and beyond/ take the whole `Services` (operations/handler.ts), which in
  // turn names their services; operations/ calls into all three.
  'beyond,operations,pipelines,workflows': 'Services/Ctx composition in operations/handler.ts',
  // The simulated cloud writes through to SQLite (cloud/simulated/repo.ts), the world loads with
  // the database (world/world.ts), the run store stores the engine's step types.
  'cloud,engine,store,world': 'stores below the engine are not yet behind async ports',
};

describe('folder layers', () => {
  it('has no import cycle between top-level folders beyond the two known ones', () => {
    const cycles = folderCycles(folderEdges('src')).map((c) => c.join(','));
    // A known cycle may shrink (fewer folders); it may not grow or appear anew.
    const unknown = cycles.filter((c) => !Object.keys(KNOWN).some((k) => c.split(',').every((f) => k.split(',').includes(f))));
    assert.deepEqual(unknown, [], `new folder cycle(s): ${unknown.join(' | ')} — see node --import tsx tools/folder-graph.ts`);
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
});
