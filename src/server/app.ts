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
import { RateLimiter } from './rate-limit.js';
import type { Limits } from '../app/services.js';
import type { Services } from '../operations/handler.js';
import type { RunnerOptions } from '../engine/runner.js';
import { loadWorldFile, openWorld, type Timings, type World, type WorldSpec } from '../world/index.js';
import { worldAdminRoutes } from './admin-world.js';
import { planRoute } from './admin-plan.js';
import { beyondRoute } from './admin-beyond.js';
import { startFollowing } from '../beyond/follow.js';
import { Rollouts } from '../beyond/rollout.js';
import { SqliteRolloutStore } from '../store/sqlite/rollouts.js';
import { rolloutRoute } from './admin-rollouts.js';
import { lifecycleAdminRoutes } from './admin-lifecycle.js';
import { lifecyclePreviewRoute } from './admin-lifecycle-preview.js';
import { WorldClock } from '../lifecycle/world-clock.js';
import { sqliteMetaStore } from '../store/sqlite/meta.js';
import { SqliteWorldRows } from '../store/sqlite/world-rows.js';
import type { Clock } from '../domain/clock.js';
import { staticHandler } from './static.js';
import type { Duplex } from 'node:stream';
import { createWorldApi, s3Signed, worldServiceOf } from '../services/dispatch.js';
import { guardAdmin, isRefusal } from './admin-guard.js';
import { adminBodyProblem } from './admin-limits.js';
import { isDiskFull, StorageHealth } from './storage-health.js';

/** Options of `ibex serve`. */
export interface ServerOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  inMemory?: boolean;
  strictAuthFile?: string;
  defaultAccountId?: string;
  logLevel?: string;
  /** A world file to load (YAML or JSON); the starter world when absent. */
  worldFile?: string;
  /** A world given directly (tests); wins over `worldFile`. */
  worldSpec?: WorldSpec;
  /** Timings to apply over the world's own (e.g. zero for tests). */
  timings?: Partial<Timings>;
  /** Engine tuning (poll interval, retries, concurrency). */
  runner?: Partial<RunnerOptions>;
  /** Step retention (ms after a run ended; kept forever when absent): see docs/performance.md. */
  stepRetentionMs?: number;
  /** Do not resume unfinished runs at start-up (tests of recovery drive it themselves). */
  noResume?: boolean;
  /** Service quotas (ServiceQuotaExceededException, 402); unlimited when absent. */
  limits?: Limits;
  /** API requests per second allowed per account and Region (CallRateLimitExceededException, 429). */
  apiRateLimit?: number;
  /** The rate limiter's clock in ms (tests freeze it, so a burst's outcome does not depend on machine speed). */
  rateLimitNow?: () => number;
  /** The pipeline scheduler's clock (tests inject a ManualClock and tick by hand). */
  clock?: Clock;
  /** How often the scheduler ticks (ms, default 1000). */
  schedulerIntervalMs?: number;
  /** How often due builds are advanced (ms, default 50). */
  buildPollMs?: number;
  /** The built console to serve at `/` (default: dist/console). */
  consoleDir?: string;
  /** Where distribution happens: the simulated world (default) or AWS through the SDK adapter. */
  cloud?: 'simulated' | 'aws';
  /** With `cloud: 'aws'`: one endpoint for every AWS service (an emulator such as moto). */
  cloudEndpoint?: string;
  /** How often OU-following settings are checked for accounts that joined (ms, default 60000; 0: only on POST /_ibex/follow). */
  followIntervalMs?: number;
  /** How often rollouts are advanced (ring ended, soak over) (ms, default 1000). */
  rolloutIntervalMs?: number;
  /** The URL clients use from elsewhere (its host is accepted as Host/Origin by the admin guard). */
  publicUrl?: string;
}

/** A running server. */
export interface IbexServer {
  url: string;
  port: number;
  db: Db;
  services: Services;
  world: World;
  close(): Promise<void>;
}

const EMPTY = Buffer.alloc(0);
/** Operations that record a change (a success proves the data volume takes writes again). */
const WRITES = /^(Create|Update|Delete|Distribute|Start|Retry|Cancel|Tag|Untag|Put|Import)/;

/** Largest request body accepted; AWS's API front ends refuse bigger ones too. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServerOptions = {}): Promise<IbexServer> {
  const storage = new StorageHealth();
  const log: Logger = pino({ level: opts.logLevel ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  const spec = opts.worldSpec ?? (opts.worldFile ? loadWorldFile(opts.worldFile) : undefined);
  const strict = opts.strictAuthFile ? loadStrictCredentials(opts.strictAuthFile) : undefined;
  const db = openDatabase(opts.inMemory ? { inMemory: true } : { dataDir: opts.dataDir ?? '.ibex' });
  const node = { id: randomUUID(), pid: process.pid, startedAt: new Date().toISOString() };
  const database = { engine: 'sqlite', inMemory: opts.inMemory === true };
  const worldClock = new WorldClock(sqliteMetaStore(db));
  const world = openWorld({ rows: new SqliteWorldRows(db), clock: worldClock, ...(spec ? { spec } : {}) });
  if (opts.timings) world.setTimings(opts.timings);
  // The world stays open either way: the admin routes and the console read it.
  // The AWS SDK clients take most of a cold start to load: only `--cloud aws` pays for them.
  const aws =
    opts.cloud === 'aws'
      ? (await import('../cloud/aws/index.js')).createAwsCloud({
          ...(opts.cloudEndpoint ? { endpoint: opts.cloudEndpoint } : {}),
          ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
        })
      : undefined;
  const services = createServices(db, {
    cloud: aws ?? world.ports,
    ...(opts.runner ? { runner: opts.runner } : {}),
    ...(opts.stepRetentionMs !== undefined ? { stepRetentionMs: opts.stepRetentionMs } : {}),
    onError: (e) => {
      if (isDiskFull(e)) storage.markFull();
      log.error({ err: e }, 'engine error');
    },
    buildTimings: () => world.timings(),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.schedulerIntervalMs !== undefined ? { schedulerIntervalMs: opts.schedulerIntervalMs } : {}),
    ...(opts.buildPollMs !== undefined ? { buildPollMs: opts.buildPollMs } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    worldClock,
  });
  const rollouts = new Rollouts(services, new SqliteRolloutStore(db));
  // Distributions may target only Regions that exist (the world's, when distributing into it).
  if (opts.cloud !== 'aws') services.regions = () => world.regions;
  const adminLifecycle = lifecycleAdminRoutes(worldClock, services);
  const adminWorld = worldAdminRoutes(world);
  const consoleFiles = staticHandler(opts.consoleDir);
  const api = createApi({
    services,
    ...(opts.apiRateLimit !== undefined ? { rateLimit: new RateLimiter(opts.apiRateLimit, opts.rateLimitNow) } : {}),
    defaultAccountId: opts.defaultAccountId ?? world.defaultAccountId,
    ...(strict ? { strict } : {}),
    now: () => new Date(),
  });

  // EC2, SSM, S3, STS, … of the simulated world, on the same endpoint (src/services/).
  const worldApi = createWorldApi({
    world,
    defaultAccountId: opts.defaultAccountId ?? world.defaultAccountId,
    ...(strict ? { strict } : {}),
    now: () => new Date(),
  });

  const server = createServer((req, res) => {
    const started = timed ? process.hrtime.bigint() : 0n;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    // Most API calls (Get, Delete, Tag listing) carry no body: skip reading a stream that is empty.
    const noBody = req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;
    if (noBody) respond(req, res, url, rawPath, rawQuery, EMPTY, started);
    else
      readBody(req).then(
        (body) => respond(req, res, url, rawPath, rawQuery, body, started),
        (e: unknown) => fail(res, e),
      );
  });
  server.keepAliveTimeout = 65_000;
  // Bytes that do not parse as a next request (e.g. after a `Connection: close` request): the
  // request already read is still answered, once and correctly; the stray bytes get no answer
  // of their own then. Without one in flight they get a JSON 400 rather than Node's bare one.
  const answering = new WeakMap<object, number>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const sock = req.socket;
    answering.set(sock, (answering.get(sock) ?? 0) + 1);
    res.once('close', () => answering.set(sock, (answering.get(sock) ?? 1) - 1));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    if ((answering.get(socket) ?? 0) > 0) {
      socket.pause(); // read no further; the pending response ends the connection (it asked to close)
      return;
    }
    const body = JSON.stringify({ __type: 'SerializationException', message: `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'}).` });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  const infoLogged = log.isLevelEnabled('info');
  // The request clock only runs when a log line will carry it (errors are always logged).
  const timed = log.isLevelEnabled('error');

  function respond(req: IncomingMessage, res: ServerResponse, url: string, rawPath: string, rawQuery: string, body: Buffer | undefined, started: bigint): void {
    if (body === undefined) {
      const tooBig = new RequestEntityTooLargeException(`The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      res.setHeader('connection', 'close');
      send(res, errorResponse(tooBig, randomUUID()), started);
      return;
    }
    const method = req.method ?? 'GET';
    // Operation paths are PascalCase (or /tags/…): straight to the API, no console lookup.
    const c = rawPath.charCodeAt(1);
    const imagebuilderPath = (c >= 65 && c <= 90) || rawPath.startsWith('/tags/');
    // A request signed for another service is the world's; an S3 one whatever its path.
    const svc = imagebuilderPath ? (s3Signed(req.headers, rawPath) ? 's3' : undefined) : worldServiceOf(req.headers, rawQuery);
    if (svc) {
      worldApi({ method, rawPath, rawQuery, headers: req.headers, body }, svc).then(
        (out) => send(res, out, started),
        (e: unknown) => fail(res, e),
      );
      return;
    }
    if (!imagebuilderPath) {
      if (rawPath.startsWith('/_ibex/')) {
        admin(req, res, url, body).then(
          (out) => (out ? send(res, out, started) : undefined),
          (e: unknown) => fail(res, e),
        );
        return;
      }
      const page = consoleFiles(method, rawPath);
      if (page) {
        res.writeHead(page.status, { ...page.headers, 'content-length': page.body.length });
        res.end(method === 'HEAD' ? undefined : page.body);
        return;
      }
    }
    api({ method, rawPath, rawQuery, headers: req.headers, body }).then(
      (out) => send(res, out, started),
      (e: unknown) => fail(res, e),
    );
  }

  function fail(res: ServerResponse, e: unknown): void {
    log.error({ err: e }, 'unhandled request failure');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"__type":"ServiceException","message":"An internal error has occurred."}');
  }

  function send(res: ServerResponse, out: ApiResponse, started: bigint): void {
    if (out.log.storageFull) storage.markFull();
    else if (out.status === 200 && out.log.operation && WRITES.test(out.log.operation)) storage.recorded();
    // A flat [name, value, …] list is the cheapest form writeHead takes (no per-name validation map).
    const h = out.headers;
    const flat: string[] = [];
    for (const k in h) flat.push(k, h[k]!);
    if (h['content-length'] === undefined) flat.push('content-length', String(Buffer.byteLength(out.body)));
    res.writeHead(out.status, flat);
    res.end(out.body);
    if (!out.log.stack && !infoLogged) return;
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

  async function admin(req: IncomingMessage, res: ServerResponse, url: string, body: Buffer): Promise<ApiResponse | undefined> {
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const parsed = new URL(url, 'http://ibex.local');
    if (method === 'GET' && parsed.pathname === '/_ibex/health') {
      const h = storage.report();
      // Which node answered and what it holds, so a monitor (or a load balancer's operator) can
      // tell the processes apart. No paths or settings: this route is open to every caller.
      return json(h.status, { ...h.body, node, database, engine: services.distribution.runner.held() }, requestId);
    }
    const q = url.indexOf('?');
    const guarded = guardAdmin(
      { method, rawPath: parsed.pathname, rawQuery: q < 0 ? '' : url.slice(q + 1), headers: req.headers, body },
      parsed.pathname.replace(/\/+$/, ''),
      { ...(strict ? { strict } : {}), boundHost: opts.host ?? '127.0.0.1', ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}), now: () => new Date() },
    );
    if (isRefusal(guarded)) return json(guarded.status, guarded.body, requestId);
    if (body.length > 0) {
      const problem = adminBodyProblem(body);
      if (problem) return json(problem.status, { message: problem.message }, requestId);
    }
    if (method === 'POST' && parsed.pathname === '/_ibex/plan') {
      const out = await planRoute(services, body, guarded.accountId);
      return json(out.status, out.body, requestId);
    }
    const preview = await lifecyclePreviewRoute(services, method, parsed, guarded.accountId);
    if (preview) return json(preview.status, preview.body, requestId);
    const beyond =
      (await rolloutRoute(rollouts, method, parsed.pathname.replace(/\/+$/, ''), body, guarded.accountId)) ??
      (await beyondRoute(services, method, parsed, body, guarded.accountId));
    if (beyond) return json(beyond.status, beyond.body, requestId);
    if (await adminWorld(req, res, parsed, body)) return undefined;
    if (await adminLifecycle(req, res, parsed, body)) return undefined;
    return json(404, { message: `No admin route ${method} ${parsed.pathname}.` }, requestId);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4790, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (!opts.noResume) {
    // Images an earlier process left in an active state with nothing to move them on.
    // (An image whose custom workflow has not ended is the workflow engine's to move on.)
    const settled = services.distribution.recoverImages((scope, arn) => {
      const b = services.build.builds.get(scope, arn);
      // A rollout's image waits for its next ring: it is not stranded.
      return (b !== undefined && b.phase !== 'DONE') || services.workflows.store.hasUnfinished(scope, arn) || rollouts.holds(arn);
    });
    if (settled.length) log.warn({ images: settled }, 'settled images left without a running distribution');
    services.distribution.resumeAll();
    services.workflows.engine.start();
  }
  if (!opts.noResume) services.build.builder.start();
  services.build.scheduler.start();
  rollouts.start(opts.rolloutIntervalMs ?? 1000, (e) => log.error({ err: e }, 'rollout tick failed'));
  const following =
    (opts.followIntervalMs ?? 60_000) > 0
      ? startFollowing(services, opts.followIntervalMs ?? 60_000, (e) => log.error({ err: e }, 'follow sync failed'))
      : undefined;
  if (!opts.noResume) services.lifecycle.start();
  let closed: Promise<void> | undefined;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    services,
    world,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(async () => {
          following?.stop();
          rollouts.stop();
          await services.build.scheduler.stop();
          services.workflows.engine.stop();
          await services.build.builder.stop();
          await services.lifecycle.stop();
          await services.distribution.stop();
          aws?.destroy();
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
