// The admin API's types in src/client/ are the server's answers: a compile-time check that the
// server's own types fit them (a drifted field fails `npm run typecheck`), and a round trip of the
// fault rules through the typed admin client against a real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adminClient, type AdminClient, type Fault, type RollbackPlan, type Rollout } from '../../src/client/index.js';
import type { ActiveFault, FaultRule } from '../../src/cloud/simulated/faults.js';
import type { Rollout as StoredRollout } from '../../src/store/records.js';
import type { RollbackPlan as ServerRollbackPlan } from '../../src/beyond/rollback.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Each server type must be assignable to the wire type the readers use.
const fault = (f: FaultRule | ActiveFault): Fault => f;
const rollout = (r: StoredRollout): Rollout => r;
const rollbackPlan = (p: ServerRollbackPlan): RollbackPlan => p;
void fault;
void rollout;
void rollbackPlan;

let srv: TestServer;
let admin: AdminClient;
before(async () => {
  srv = await startTestServer();
  admin = adminClient(async (method, path, body) => {
    const res = await fetch(`${srv.url}${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed = (await res.json()) as { message?: string };
    if (!res.ok) throw new Error(parsed.message);
    return parsed as never;
  });
});
after(() => srv.close());

describe('the admin client', () => {
  it('adds, lists and clears fault rules with the one Fault type', async () => {
    const rule: Fault = { service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded', region: 'eu-west-1', times: 2 };
    const added = await admin.addFault(rule);
    assert.equal(added.length, 1);
    assert.deepEqual(
      (await admin.faults()).map(({ service, operation, error, region, times }) => ({ service, operation, error, region, times })),
      [rule],
    );
    assert.deepEqual(await admin.clearFaults(), []);
    assert.deepEqual(await admin.faults(), []);
  });

  it('answers an unknown run with the server’s message', async () => {
    await assert.rejects(admin.run('00000000-0000-0000-0000-000000000000'), { message: 'No run 00000000-0000-0000-0000-000000000000.' });
  });
});
