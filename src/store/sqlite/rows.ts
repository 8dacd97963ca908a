// Reading the JSON a row stores: a row that no longer parses (a damaged file, a hand edit) is
// reported with its table and key, so the answer names what is broken instead of a bare 500.
import { CorruptRowError } from '../errors.js';

/** JSON.parse of a stored column, failing with the row's name. */
export function parseStored<T>(table: string, key: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CorruptRowError(table, key, (e as Error).message);
  }
}
