// The /_ibex/ admin routes over real HTTP: snapshot with filters, merge, reset, faults, timings,
// and 400s (never 500s) that name the problem in bad input.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openWorld, type World } from '../../src/world/index.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';
import { serveWorldRoutes } from './routes-server.js';

let server: Server;
let base: string;
let world: World;

before(async () => {
  world = openWorld({ rows: new SqliteWorldRows(openDatabase({ inMemory: true })), spec: fixtureSpec(), clock: new ManualClock() });
  ({ server, base } = await serveWorldRoutes(world));
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function call(method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, { method, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('world admin routes', () => {
  it('GET /_ibex/world returns the snapshot, narrowed by accountId and region', async () => {
    const all = await call('GET', '/_ibex/world');
    assert.equal(all.status, 200);
    assert.ok((all.json.images as unknown[]).length >= 5);
    const narrowed = await call('GET', `/_ibex/world?accountId=${FX.owner}&region=${FX.otherRegion}`);
    assert.deepEqual(
      (narrowed.json.images as { imageId: string }[]).map((i) => i.imageId),
      [FX.blocked.imageId],
    );
  });

  it('GET /_ibex/world rejects a malformed accountId or unknown region with 400', async () => {
    const a = await call('GET', '/_ibex/world?accountId=12');
    assert.equal(a.status, 400);
    assert.match(a.json.message as string, /accountId/);
    const r = await call('GET', '/_ibex/world?region=mars-north-1');
    assert.equal(r.status, 400);
    assert.match(r.json.message as string, /mars-north-1/);
  });

  it('POST /_ibex/world merges YAML and reports a bad field with its line as 400', async () => {
    const ok = await call('POST', '/_ibex/world', `accounts:\n  - id: "${FX.outsider}"\n    s3Buckets: [{ region: us-east-1, name: partner-drop }]\n`);
    assert.equal(ok.status, 200);
    assert.ok((ok.json.s3Buckets as { name: string }[]).some((b) => b.name === 'partner-drop'));
    const bad = await call('POST', '/_ibex/world', 'accounts:\n  - id: "123456789012"\n    images: [{ region: us-east-1, imageId: nope, name: x1 }]\n');
    assert.equal(bad.status, 400);
    assert.match(bad.json.message as string, /request body:3: accounts\[0\]\.images\[0\]\.imageId/);
    const empty = await call('POST', '/_ibex/world', '');
    assert.equal(empty.status, 400);
  });

  it('POST and DELETE /_ibex/faults add and clear rules; a bad rule is a 400 naming the field', async () => {
    const added = await call(
      'POST',
      '/_ibex/faults',
      JSON.stringify({ service: 'ec2', operation: 'CopyImage', region: 'eu-west-1', error: 'RequestLimitExceeded', probability: 0.3 }),
    );
    assert.equal(added.status, 200);
    assert.equal((added.json.faults as unknown[]).length, 1);
    const bad = await call('POST', '/_ibex/faults', JSON.stringify({ service: 'ec3', operation: 'CopyImage', error: 'X', times: 0 }));
    assert.equal(bad.status, 400);
    assert.match(bad.json.message as string, /service: must be one of/);
    assert.match(bad.json.message as string, /times: must be a whole number/);
    const notJson = await call('POST', '/_ibex/faults', '{nope');
    assert.equal(notJson.status, 400);
    assert.match(notJson.json.message as string, /not valid JSON/);
    const cleared = await call('DELETE', '/_ibex/faults');
    assert.deepEqual(cleared.json.faults, []);
    assert.deepEqual(world.faults(), []);
  });

  it('GET and POST /_ibex/timings read and change timings; a bad timing is a 400', async () => {
    const set = await call('POST', '/_ibex/timings', JSON.stringify({ copyImageMs: 2500 }));
    assert.equal(set.status, 200);
    assert.equal(set.json.copyImageMs, 2500);
    assert.equal((await call('GET', '/_ibex/timings')).json.copyImageMs, 2500);
    const bad = await call('POST', '/_ibex/timings', JSON.stringify({ copyImageMs: -5 }));
    assert.equal(bad.status, 400);
    assert.match(bad.json.message as string, /copyImageMs/);
  });

  it('POST /_ibex/reset restores the loaded world', async () => {
    await world.ports.ec2.registerImage({ accountId: FX.owner, region: FX.region }, { name: 'temporary' });
    const r = await call('POST', '/_ibex/reset');
    assert.equal(r.status, 200);
    const snap = await call('GET', `/_ibex/world?accountId=${FX.owner}`);
    assert.ok(!(snap.json.images as { name: string }[]).some((i) => i.name === 'temporary'));
  });

  it('answers 405 for an unsupported method and leaves other paths to the caller', async () => {
    const r = await call('PUT', '/_ibex/reset');
    assert.equal(r.status, 405);
    const other = await call('GET', '/_ibex/health');
    assert.equal(other.status, 404);
    assert.equal(other.json.message, 'not mine');
  });
});
