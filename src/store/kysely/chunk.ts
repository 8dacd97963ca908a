// Splitting rows and keys for statements with many bound parameters: both dialects cap them
// (SQLite at 32766, PostgreSQL at 65535), and 500 rows of a 20-column table stay under both.
export const CHUNK = 500;

/** `items` in slices of at most CHUNK. */
export function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
