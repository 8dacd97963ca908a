// A step's retry count and next-attempt time live in its row: a server stopped while a copy waits
// out its backoff resumes the same count after a restart, so a step never gets more than
// maxRetries + 1 attempts across restarts (with counts in memory it would get them again).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { DB_FILE } from '../../src/store/sqlite/db.js';
import { startTestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { SOURCE_AMI, testWorld } from '../helpers/world.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ibex-retries-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Row {
  status: string;
  attempts: number;
  retries: number;
  next_attempt_at: string | null;
  error_code: string | null;
}

function copyRow(): Row | undefined {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT status, attempts, retries, next_attempt_at, error_code FROM distribution_steps WHERE kind = 'copyImage'").get() as
      Row | undefined;
  } finally {
    db.close();
  }
}

describe('retry counts in step rows', () => {
  it('resumes a backoff after a restart with the stored count and fails after maxRetries + 1 attempts in all', async () => {
    const runner = { pollMs: 5, retry: { baseMs: 400, capMs: 400, maxRetries: 2 } };
    const first = await startTestServer({ inMemory: false, dataDir, worldSpec: testWorld(), runner });
    let arn: string | undefined;
    try {
      const res = await fetch(`${first.url}/_ibex/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service: 'ec2', operation: 'CopyImage', error: 'RequestLimitExceeded' }),
      });
      assert.equal(res.status, 200, await res.text());
      const c = first.client();
      const cfg = (
        await c.send(
          new CreateDistributionConfigurationCommand({
            name: 'retries',
            distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { name: 'r-{{ imagebuilder:buildDate }}' } }],
          }),
        )
      ).distributionConfigurationArn!;
      ({ imageBuildVersionArn: arn } = await c.send(
        new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
      ));
      // Wait (bounded) for the first throttled attempt to be checkpointed with its backoff.
      let row: Row | undefined;
      for (let i = 0; i < 200 && !(row && row.retries === 1); i++) {
        await new Promise((r) => setTimeout(r, 10));
        row = copyRow();
      }
      assert.equal(row?.status, 'pending');
      assert.equal(row?.retries, 1);
      assert.equal(row?.attempts, 1);
      assert.equal(row?.error_code, 'RequestLimitExceeded');
      assert.ok(row?.next_attempt_at && Date.parse(row.next_attempt_at) > Date.now() - 1_000, `next attempt stored: ${row?.next_attempt_at}`);
    } finally {
      await first.close();
    }

    // The fault is part of the stored world, so every attempt after the restart is throttled too.
    const second = await startTestServer({ inMemory: false, dataDir, runner });
    try {
      const image = await waitForImage(second.client(), arn!, 20_000);
      assert.equal(image.state?.status, 'FAILED');
      const end = copyRow()!;
      assert.equal(end.status, 'failed');
      assert.equal(end.retries, 2, 'the count went on from the stored 1');
      assert.equal(end.attempts, 3, 'maxRetries + 1 attempts across both processes, not 1 + 3');
    } finally {
      await second.close();
    }
  });
});
