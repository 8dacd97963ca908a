// The ibex HTTP server: reads bodies (bounded), serves /_ibex/ admin routes and the Image Builder
// API, writes one structured log line per request, and shuts down gracefully.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { loadStrictCredentials } from '../protocol/auth.js';
import { RequestEntityTooLargeException } from '../protocol/errors.js';
import { openDatabase, type Db } from '../store/sqlite/db.js';
import { createApi, errorResponse, type ApiResponse } from './api.js';
import { createServices } from './services.js';
import type { Services } from '../operations/context.js';

/** Options of `ibex serve`. */
export interface ServerOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  inMemory?: boolean;
  strictAuthFile?: string;
  defaultAccountId?: string;
  logLevel?: string;
}

/** A running server. */
export interface IbexServer {
  url: string;
  port: number;
  db: Db;
  services: Services;
  close(): Promise<void>;
}

/** Largest request body accepted; AWS's API front ends refuse bigger ones too. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServerOptions = {}): Promise<IbexServer> {
  const log: Logger = pino({ level: opts.logLevel ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  const db = openDatabase(opts.inMemory ? { inMemory: true } : { dataDir: opts.dataDir ?? '.ibex' });
  const services = createServices(db);
  const strict = opts.strictAuthFile ? loadStrictCredentials(opts.strictAuthFile) : undefined;
  const api = createApi({
    services,
    defaultAccountId: opts.defaultAccountId ?? '123456789012',
    ...(strict ? { strict } : {}),
    now: () => new Date(),
  });

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    readBody(req)
      .then(async (body) => {
        if (body === undefined) {
          const tooBig = new RequestEntityTooLargeException(`The request body exceeds ${MAX_BODY_BYTES} bytes.`);
          res.setHeader('connection', 'close');
          return errorResponse(tooBig, randomUUID());
        }
        if (rawPath.startsWith('/_ibex/')) return admin(req.method ?? 'GET', rawPath);
        return api({ method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headers, body });
      })
      .then((out) => send(res, out, started))
      .catch((e: unknown) => {
        log.error({ err: e }, 'unhandled request failure');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"__type":"ServiceException","message":"An internal error has occurred."}');
      });
  });
  server.keepAliveTimeout = 65_000;

  function send(res: ServerResponse, out: ApiResponse, started: bigint): void {
    res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
    res.end(out.body);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = {
      requestId: out.log.requestId,
      operation: out.log.operation,
      account: out.log.accountId,
      region: out.log.region,
      status: out.status,
      ms: Math.round(ms * 100) / 100,
      ...(out.log.error ? { error: out.log.error } : {}),
    };
    if (out.log.stack) log.error({ ...line, stack: out.log.stack }, 'request failed');
    else log.info(line, 'request');
  }

  async function admin(method: string, path: string): Promise<ApiResponse> {
    const requestId = randomUUID();
    if (method === 'GET' && path === '/_ibex/health') {
      return json(200, { status: 'ok' }, requestId);
    }
    return json(404, { message: `No admin route ${method} ${path}.` }, requestId);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4790, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    services,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          log.flush();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}

function json(status: number, body: unknown, requestId: string): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
    log: { requestId, operation: 'admin' },
  };
}

/** Reads the body; resolves undefined (and stops reading) once it exceeds MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
