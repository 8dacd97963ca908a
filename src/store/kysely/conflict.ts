// A duplicate-key failure in either dialect, recognised so the stores can report StoreConflict.
import { StoreConflict } from '../async-ports.js';

/** SQLite's SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE, PostgreSQL's unique_violation (23505). */
export function isDuplicateKey(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** `write`, with a duplicate key reported as StoreConflict on `table`. */
export async function conflictAs<T>(table: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (isDuplicateKey(e)) throw new StoreConflict(table);
    throw e;
  }
}
