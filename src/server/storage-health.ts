// What /_ibex/health says about the data volume: a write refused for lack of space (SQLITE_FULL)
// marks it full until a later change is recorded again, so a monitor sees the cause, not just 503s.

/** True when SQLite refused a write because the database or its volume is full. */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export const DISK_FULL_MESSAGE =
  'The data volume is full: ibex cannot record this change, and nothing of it was kept. Free space on the data volume and retry.';

/** The data volume's state as the health route reports it. */
export class StorageHealth {
  private fullSince: string | undefined;

  markFull(): void {
    this.fullSince ??= new Date().toISOString();
  }

  /** A change was recorded: the volume takes writes again. */
  recorded(): void {
    this.fullSince = undefined;
  }

  /** The health answer: 200 ok, or 503 naming the problem. */
  report(): { status: number; body: { status: 'ok' } | { status: 'unavailable'; problem: string; since: string } } {
    if (!this.fullSince) return { status: 200, body: { status: 'ok' } };
    return { status: 503, body: { status: 'unavailable', problem: 'the data volume is full', since: this.fullSince } };
  }
}
