// Admin routes for the simulated world under /_ibex/: the snapshot, merge, reset, faults and
// timings. Bad input is a 400 with {"message"} naming the problem — never a 500.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WorldFileError } from '../world/errors.js';
import type { World } from '../world/world.js';

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
      GET: (url) => {
        const accountId = url.searchParams.get('accountId') ?? undefined;
        const region = url.searchParams.get('region') ?? undefined;
        if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new BadRequest(`accountId must be a 12-digit account id, got '${accountId}'.`);
        if (region !== undefined && !world.regions.includes(region))
          throw new BadRequest(`region '${region}' is not a Region of this world (${world.regions.join(', ')}).`);
        return world.snapshot({ ...(accountId ? { accountId } : {}), ...(region ? { region } : {}) });
      },
      POST: (_url, body) => {
        const text = body.toString('utf8');
        if (!text.trim()) throw new BadRequest('The request body is empty; send a world document (YAML or JSON).');
        world.merge(text, 'request body');
        return world.snapshot();
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
    try {
      send(res, 200, handler(url, body));
    } catch (e) {
      if (e instanceof BadRequest) send(res, 400, { message: e.message });
      else if (e instanceof WorldFileError) send(res, 400, { message: e.message, issues: e.issues });
      else throw e;
    }
    return true;
  };
}
