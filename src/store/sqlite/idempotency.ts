// SQLite implementation of the IdempotencyStore (table idempotency_records).
import type { IdempotencyStore } from '../ports.js';
import type { Db } from './db.js';

/** Creates the idempotency store over an open database. */
export function sqliteIdempotencyStore(db: Db): IdempotencyStore {
  const getStmt = db.prepare<[string, string, string, string], { request_hash: string; response: string }>(
    'SELECT request_hash, response FROM idempotency_records WHERE account_id = ? AND region = ? AND operation = ? AND client_token = ?',
  );
  const putStmt = db.prepare(
    `INSERT INTO idempotency_records (account_id, region, operation, client_token, request_hash, response, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    get: (s, op, token) => {
      const r = getStmt.get(s.accountId, s.region, op, token);
      return r ? { requestHash: r.request_hash, response: JSON.parse(r.response) as unknown } : undefined;
    },
    put: (s, op, token, rec) => void putStmt.run(s.accountId, s.region, op, token, rec.requestHash, JSON.stringify(rec.response), new Date().toISOString()),
  };
}
