// How the console writes values for people: one date format (UTC, to the second) on every page.

/** An ISO date or Date as `YYYY-MM-DD HH:MM:SS UTC`; `—` when absent, the text itself when it is not a date. */
export function date(s?: string | Date): string {
  if (!s) return '—';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? String(s) : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}
