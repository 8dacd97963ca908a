// Errors every store dialect reports, which the server maps to answers (server/api.ts): no
// database type reaches the server through them.

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
