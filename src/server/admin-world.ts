// Admin routes for the simulated world under /_ibex/: the snapshot (whole and streamed, or paged
// by kind), merge, reset, faults and timings. Bad input is a 400 with {"message"} naming the
// problem — never a 500.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WorldFileError } from '../world/errors.js';
import { DEFAULT_PAGE, MAX_PAGE, pageKind, WorldPageError } from '../world/pages.js';
import type { SnapshotFilter } from '../world/snapshot.js';
import type { World } from '../world/world.js';

/** About how much of a streamed snapshot is written per event-loop turn. */
const STREAM_CHUNK = 64 * 1024;

type Handler = (url: URL, body: Buffer) => unknown;

/** A 400 with a message (and optionally the world-file issues). */
class BadRequest extends Error {
  constructor(
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** A JSON answer written piece by piece (the whole world), see `stream`. */
class Streamed {
  constructor(readonly pieces: Iterable<string>) {}
}

/**
 * Writes a streamed answer in chunks of about STREAM_CHUNK characters, waiting for the socket to
 * drain when it is full and yielding to the event loop after each chunk, so other requests are
 * answered while a large world is written. Stops when the client goes away.
 */
async function stream(res: ServerResponse, pieces: Iterable<string>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  let buf = '';
  try {
    for (const piece of pieces) {
      buf += piece;
      if (buf.length < STREAM_CHUNK) continue;
      const flushed = res.write(buf);
      buf = '';
      if (!flushed) await drained(res);
      // Always through setImmediate: a write the kernel takes at once drains from process.nextTick,
      // which would keep the event loop from reading other sockets until the whole world is written.
      await nextTurn();
      if (res.destroyed) return;
    }
  } catch (e) {
    // The status is already sent: cut the answer off rather than end it as if it were whole.
    res.destroy();
    throw e;
  }
  res.end(buf);
}

/** Resolves when the response drains or closes (whichever first; the other listener is removed). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Reads a query parameter given at most once. */
function single(url: URL, name: string): string | undefined {
  const all = url.searchParams.getAll(name);
  if (all.length > 1) throw new BadRequest(`${name} is given ${all.length} times; give it once.`);
  return all[0];
}

/** `GET /_ibex/world`: the whole snapshot (streamed), or one page of one kind of record. */
function getWorld(world: World, url: URL): Streamed | unknown {
  const accountId = single(url, 'accountId');
  const region = single(url, 'region');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new BadRequest(`accountId must be a 12-digit account id, got '${accountId}'.`);
  if (region !== undefined && !world.regions.includes(region))
    throw new BadRequest(`region '${region}' is not a Region of this world (${world.regions.join(', ')}).`);
  const filter: SnapshotFilter = { ...(accountId ? { accountId } : {}), ...(region ? { region } : {}) };
  const kind = single(url, 'kind');
  const max = single(url, 'maxResults');
  const nextToken = single(url, 'nextToken');
  if (kind === undefined) {
    if (max !== undefined || nextToken !== undefined) throw new BadRequest('maxResults and nextToken page one kind of record: add kind (e.g. kind=images).');
    return new Streamed(world.snapshotJson(filter));
  }
  if (max !== undefined && !(/^\d{1,4}$/.test(max) && Number(max) >= 1 && Number(max) <= MAX_PAGE)) {
    throw new BadRequest(`maxResults must be a whole number from 1 to ${MAX_PAGE}, got '${max}'.`);
  }
  return world.page({
    kind: pageKind(kind),
    filter,
    maxResults: max === undefined ? DEFAULT_PAGE : Number(max),
    ...(nextToken !== undefined ? { nextToken } : {}),
  });
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (!text) throw new BadRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new BadRequest(`The request body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The world's admin routes as one handler to mount in the HTTP server. Resolves `false` when
 * the path is not one of these routes, so the caller can try its own.
 */
export function worldAdminRoutes(world: World): (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => Promise<boolean> {
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/_ibex/world': {
      GET: (url) => getWorld(world, url),
      POST: (_url, body) => {
        const text = body.toString('utf8');
        if (!text.trim()) throw new BadRequest('The request body is empty; send a world document (YAML or JSON).');
        world.merge(text, 'request body');
        return new Streamed(world.snapshotJson());
      },
    },
    '/_ibex/reset': {
      POST: () => {
        world.reset();
        return { message: 'The world was reset to the loaded world.' };
      },
    },
    '/_ibex/faults': {
      GET: () => ({ faults: world.faults() }),
      POST: (_url, body) => {
        const fault = world.addFault(parseJson(body));
        return { fault, faults: world.faults() };
      },
      DELETE: () => {
        world.clearFaults();
        return { faults: [] };
      },
    },
    '/_ibex/timings': {
      GET: () => world.timings(),
      POST: (_url, body) => world.setTimings(parseJson(body)),
    },
  };

  return async (req, res, url, body) => {
    const route = routes[url.pathname.replace(/\/+$/, '')];
    if (!route) return false;
    const method = req.method ?? 'GET';
    const handler = route[method];
    if (!handler) {
      send(
        res,
        405,
        { message: `${method} is not supported on ${url.pathname}; use ${Object.keys(route).join(', ')}.` },
        { allow: Object.keys(route).join(', ') },
      );
      return true;
    }
    let out: unknown;
    try {
      out = handler(url, body);
    } catch (e) {
      if (e instanceof BadRequest || e instanceof WorldPageError) send(res, 400, { message: e.message });
      else if (e instanceof WorldFileError) send(res, 400, { message: e.message, issues: e.issues });
      else throw e;
      return true;
    }
    if (out instanceof Streamed) await stream(res, out.pieces);
    else send(res, 200, out);
    return true;
  };
}
