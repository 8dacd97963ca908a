// Admin routes for time and lifecycle policies: `GET|POST /_ibex/clock` reads or moves the world's
// clock forward (never back), `POST /_ibex/lifecycle/run` runs one lifecycle policy now. Bad input
// is a 400 with {"message"} naming the problem.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArn } from '../domain/arn.js';
import { MAX_ADVANCE_MS, type WorldClock } from '../lifecycle/world-clock.js';
import type { Services } from '../operations/handler.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

class BadRequest extends Error {}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (!text) throw new BadRequest('The request body is empty; send a JSON object.');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new BadRequest(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadRequest('The request body must be a JSON object.');
  return v as Record<string, unknown>;
}

/** `{"advance": "90d"}` (ms, s, m, h, d, w) or `{"advanceMs": n}` or `{"to": "<ISO time>"}` → milliseconds to move. */
export function advanceOf(clock: WorldClock, b: Record<string, unknown>): number {
  const keys = ['advance', 'advanceMs', 'to'].filter((k) => b[k] !== undefined);
  if (keys.length !== 1)
    throw new BadRequest('Give exactly one of "advance" (like "90d", "12h", "30m"), "advanceMs" (a whole number) or "to" (an ISO-8601 time).');
  let ms: number;
  if (b.advance !== undefined) {
    const m = typeof b.advance === 'string' ? /^(\d+)(ms|s|m|h|d|w)$/.exec(b.advance) : null;
    if (!m) throw new BadRequest(`"advance" must look like "90d", "12h", "30m", "45s" or "500ms", got ${JSON.stringify(b.advance)}.`);
    ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  } else if (b.advanceMs !== undefined) {
    if (typeof b.advanceMs !== 'number' || !Number.isInteger(b.advanceMs) || b.advanceMs < 0)
      throw new BadRequest(`"advanceMs" must be a whole number ≥ 0, got ${JSON.stringify(b.advanceMs)}.`);
    ms = b.advanceMs;
  } else {
    const t = typeof b.to === 'string' ? Date.parse(b.to) : NaN;
    if (!Number.isFinite(t)) throw new BadRequest(`"to" must be an ISO-8601 time, got ${JSON.stringify(b.to)}.`);
    if (t < clock.now()) throw new BadRequest(`The world's clock only moves forward: ${b.to} is before its time ${new Date(clock.now()).toISOString()}.`);
    ms = Math.ceil(t - clock.now());
  }
  if (ms > MAX_ADVANCE_MS) throw new BadRequest(`The clock moves at most ${MAX_ADVANCE_MS} ms (ten years) per request.`);
  return ms;
}

const view = (clock: WorldClock) => ({ now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs });

/** The clock and lifecycle admin routes; resolves false when the path is not one of them. */
export function lifecycleAdminRoutes(
  clock: WorldClock,
  services: Services,
): (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => Promise<boolean> {
  return async (req, res, url, body) => {
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    if (path !== '/_ibex/clock' && path !== '/_ibex/lifecycle/run') return false;
    try {
      if (path === '/_ibex/clock' && method === 'GET') return (send(res, 200, view(clock)), true);
      if (path === '/_ibex/clock' && method === 'POST') {
        const b = parseBody(body);
        if (b.runDuePolicies !== undefined && typeof b.runDuePolicies !== 'boolean') throw new BadRequest('"runDuePolicies" must be true or false.');
        clock.advance(advanceOf(clock, b));
        // Due policies otherwise start at the schedule's next check.
        const started = b.runDuePolicies ? services.lifecycle.tick() : [];
        return (send(res, 200, { ...view(clock), ...(b.runDuePolicies ? { startedExecutions: started } : {}) }), true);
      }
      if (path === '/_ibex/lifecycle/run' && method === 'POST') {
        const b = parseBody(body);
        const arn = b.lifecyclePolicyArn;
        const parsed = typeof arn === 'string' ? parseArn(arn) : undefined;
        if (!parsed || parsed.resourceType !== 'lifecycle-policy')
          throw new BadRequest(`"lifecyclePolicyArn" must be a lifecycle policy ARN, got ${JSON.stringify(arn)}.`);
        if (b.wait !== undefined && typeof b.wait !== 'boolean') throw new BadRequest('"wait" must be true or false.');
        const scope = { accountId: parsed.owner, region: parsed.region };
        const policy = services.lifecycle.store.getPolicy(scope, arn as string);
        if (!policy) return (send(res, 404, { message: `No lifecycle policy ${String(arn)}.` }), true);
        const id = services.lifecycle.runner.startPolicy(scope, policy);
        if (b.wait) await services.lifecycle.runner.settled(id);
        const exec = services.lifecycle.store.getExecution(scope, id)!;
        return (send(res, 200, { lifecycleExecutionId: id, state: exec.execution.state }), true);
      }
      res.setHeader('allow', path === '/_ibex/clock' ? 'GET, POST' : 'POST');
      send(res, 405, { message: `${method} is not supported on ${path}.` });
    } catch (e) {
      if (e instanceof BadRequest) send(res, 400, { message: e.message });
      else throw e;
    }
    return true;
  };
}
