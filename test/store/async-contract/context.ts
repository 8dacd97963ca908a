// What every case group of the async store contract gets (test/store/async-stores.test.ts runs the
// groups against SQLite and PostgreSQL): the open stores, and raw SQL for writing what the stores
// never would (a corrupted row).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Stores } from '../../../src/store/async-ports.js';
import type { DatabaseTarget } from '../../../src/store/kysely/database.js';

export interface ContractContext {
  stores(): Stores;
  target(): DatabaseTarget;
}

export const scope = { accountId: '111122223333', region: 'us-east-1' };
export const other = { accountId: '444455556666', region: 'us-east-1' };

/** Runs one statement (literal values only) on the target's database, beside the stores. */
export async function rawExec(target: DatabaseTarget, statement: string): Promise<void> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.file);
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
