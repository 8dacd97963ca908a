// Reading the JSON a row stores: a row that no longer parses (a damaged file, a hand edit) is
// reported with its table and key, so the answer names what is broken instead of a bare 500.

/** A stored row that cannot be read back. */
export class CorruptRowError extends Error {
  constructor(
    readonly table: string,
    readonly key: string,
    detail: string,
  ) {
    super(
      `The stored row '${key}' in table '${table}' is corrupted (${detail}); restore the data directory from a backup (ibex backup) or delete the row. 'ibex check' lists every corrupted row.`,
    );
  }
}

/** JSON.parse of a stored column, failing with the row's name. */
export function parseStored<T>(table: string, key: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CorruptRowError(table, key, (e as Error).message);
  }
}
