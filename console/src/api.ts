// The console's view of ibex: Image Builder clients from the browser (endpoint = this page's
// origin, access key = the chosen account), the /_ibex/ admin API, and AWS error helpers.
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { afterWrite, isRead } from './query';

export const ACCOUNTS_FALLBACK = '123456789012';

/** An Image Builder client acting as `account` in `region`. */
export function imagebuilder(account: string, region: string): ImagebuilderClient {
  const client = new ImagebuilderClient({
    endpoint: window.location.origin,
    region,
    maxAttempts: 2,
    credentials: { accessKeyId: account, secretAccessKey: 'ibex-console' },
  });
  // A command that changes something makes every loaded page refetch (TanStack Query).
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (!isRead(context.commandName)) afterWrite();
      return out;
    },
    { step: 'initialize', name: 'ibexInvalidateAfterWrite' },
  );
  return client;
}

/** Calls an admin route; throws an Error carrying the server's message on failure. */
export async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  // Every state-changing admin call says JSON, also without a body: the server refuses others
  // (its guard against cross-site requests).
  const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as T & { message?: string }) : ({} as T & { message?: string });
  if (!res.ok) throw new Error(parsed.message ?? `${method} ${path} failed (${res.status})`);
  if (method !== 'GET') afterWrite();
  return parsed;
}

/** The field path an AWS validation message names, e.g. `distributions[0].region`. */
export function parameterPath(message: string): string | undefined {
  return /The value supplied for parameter '([^']+)' is not valid\./.exec(message)?.[1];
}

/** "Name: message" for an SDK error. */
export function errorText(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return err?.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : String(err?.message ?? e);
}

/** Splits "a, b  c" into ["a","b","c"]. */
export function splitList(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Every item of a paginated list call (bounded), from the client module. */
export { allPages } from '../../src/client/index';
