// Migration 020 over a data directory written before it: the world's AMI rows, stored as kind
// 'image', become kind 'ami', and the world read back after the upgrade has every AMI with its
// launch permissions, as before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld } from '../../src/world/index.js';
import { ManualClock } from '../../src/domain/clock.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';

describe('migration 020', () => {
  it("renames the world's AMI rows from kind 'image' to 'ami' and loads every AMI back", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibex-m020-'));
    try {
      const clock = new ManualClock();
      let db = openDatabase({ dataDir: dir });
      const world = openWorld({ rows: new SqliteWorldRows(db), clock });
      const before = world.snapshot({}).images;
      assert.ok(before.length > 0, 'the starter world has AMIs');
      // Turn the file back into what an ibex before migration 020 wrote.
      const amiRows = db.prepare("UPDATE world_resources SET kind = 'image' WHERE kind = 'ami'").run().changes;
      assert.equal(amiRows, before.length);
      db.prepare('DELETE FROM schema_migrations WHERE version = 20').run();
      db.close();

      db = openDatabase({ dataDir: dir });
      const kinds = db.prepare('SELECT kind, COUNT(*) AS n FROM world_resources GROUP BY kind').all() as { kind: string; n: number }[];
      assert.ok(!kinds.some((k) => k.kind === 'image'), JSON.stringify(kinds));
      assert.equal(kinds.find((k) => k.kind === 'ami')?.n, before.length);
      const after = openWorld({ rows: new SqliteWorldRows(db), clock }).snapshot({}).images;
      assert.deepEqual(after, before);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
