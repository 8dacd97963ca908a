// How the CLI reaches ibex: endpoint (--endpoint-url, AWS_ENDPOINT_URL_IMAGEBUILDER, AWS_ENDPOINT_URL),
// Region and credentials (the AWS conventions, or --account as the access key), plus the admin API.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { Command } from 'commander';
import { CliError } from './cli-error.js';

export { CliError };

/** The connection options every client command accepts. */
export interface ClientOptions {
  endpointUrl?: string;
  region?: string;
  account?: string;
  json?: boolean;
}

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4790';
/** The account ibex maps non-numeric access keys to in the starter world. */
export const DEFAULT_ACCOUNT = '123456789012';

/** Adds --endpoint-url, --region, --account and --json to a command. */
export function clientOptions(cmd: Command): Command {
  return cmd
    .option('--endpoint-url <url>', `ibex endpoint (default: $AWS_ENDPOINT_URL_IMAGEBUILDER, $AWS_ENDPOINT_URL, ${DEFAULT_ENDPOINT})`)
    .option('--region <region>', 'AWS Region (default: $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1)')
    .option('--account <id>', 'act as this 12-digit account (used as the access key id)')
    .option('--json', 'print machine-readable JSON');
}

export function endpointOf(o: ClientOptions): string {
  const url = o.endpointUrl ?? process.env.AWS_ENDPOINT_URL_IMAGEBUILDER ?? process.env.AWS_ENDPOINT_URL ?? DEFAULT_ENDPOINT;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new CliError(`--endpoint-url must be an http(s) URL, got '${url}'`, 2);
  }
  return url.replace(/\/+$/, '');
}

export function regionOf(o: ClientOptions): string {
  return o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** True when the standard AWS credential chain has something to find. */
function awsCredentialsConfigured(): boolean {
  if (process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE) return true;
  const file = process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials');
  return existsSync(file);
}

/** An Image Builder client for these options (no SDK retries: the CLI reports what happened). */
export function clientFor(o: ClientOptions, region = regionOf(o), fallbackAccount = DEFAULT_ACCOUNT): ImagebuilderClient {
  if (o.account !== undefined && !/^\d{12}$/.test(o.account)) throw new CliError(`--account must be a 12-digit account id, got '${o.account}'`, 2);
  // Without --account the standard chain (env, profile, ...) decides; with nothing configured,
  // fall back to the default account so `ibex demo` works on a fresh machine.
  const credentials =
    o.account !== undefined
      ? { accessKeyId: o.account, secretAccessKey: 'ibex' }
      : awsCredentialsConfigured()
        ? undefined
        : { accessKeyId: fallbackAccount, secretAccessKey: 'ibex' };
  return new ImagebuilderClient({ endpoint: endpointOf(o), region, maxAttempts: 2, ...(credentials ? { credentials } : {}) });
}

/** Calls an /_ibex/ admin route; non-2xx answers become CliErrors carrying the server's message. */
export function admin<T>(o: ClientOptions, method: string, path: string, body?: string): Promise<T> {
  return adminAt<T>(endpointOf(o), method, path, body);
}

/** The admin call at an endpoint URL (the one an Image Builder client talks to). */
export async function adminAt<T>(endpoint: string, method: string, path: string, body?: string): Promise<T> {
  const url = `${endpoint}${path}`;
  let res: Response;
  try {
    // State-changing admin requests must say JSON (the server's cross-site guard); with
    // --strict-auth the server wants an admin token, taken from IBEX_ADMIN_TOKEN.
    const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
    if (process.env.IBEX_ADMIN_TOKEN) headers.authorization = `Bearer ${process.env.IBEX_ADMIN_TOKEN}`;
    res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  } catch (e) {
    throw new CliError(`cannot reach ibex at ${endpoint}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new CliError(`${method} ${path} answered ${res.status} with a body that is not JSON`);
  }
  if (!res.ok) {
    const p = parsed as { message?: string; issues?: { path: string; message: string; line?: number }[] };
    // The server's message already repeats every issue: print the issues alone, once each.
    if (p.issues?.length) {
      const lines = p.issues.map((i) => `\n  ${i.path || '(document)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`).join('');
      throw new CliError(`not accepted (${p.issues.length} problem${p.issues.length === 1 ? '' : 's'}):${lines}`);
    }
    throw new CliError(p.message ?? `${method} ${path} failed with ${res.status}`);
  }
  return parsed as T;
}

/** Turns an SDK error into a CliError naming the AWS error code. */
export function apiError(e: unknown, endpoint: string): CliError {
  const err = e as Error & { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (err && (err.code === 'ECONNREFUSED' || /ECONNREFUSED|fetch failed|socket hang up/.test(err.message ?? ''))) {
    return new CliError(`cannot reach ibex at ${endpoint}: ${err.message}`);
  }
  if (err instanceof CliError) return err;
  // Name the AWS error code once (a message that already starts with it is not prefixed again).
  const text = String(err?.message ?? err);
  return new CliError(err?.$metadata && err.name && !text.startsWith(`${err.name}:`) ? `${err.name}: ${text}` : text);
}
