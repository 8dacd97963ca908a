// The beyond-AWS admin routes under /_ibex/: OU following (`GET /_ibex/follow` shows it, `POST` syncs now:
// checks every OU-following configuration and starts the catch-up runs needed), drift (`GET /_ibex/drift`,
// `POST /_ibex/drift/repair`), rollback (`POST /_ibex/rollback {to, dryRun}`), `GET /_ibex/runs?imageBuildVersionArn=` and `GET /_ibex/runs/<runId>`. Answers are JSON; bad input is a 400 with {"message"}.
import type { Services } from '../operations/handler.js';
import { followStatus, syncFollowers } from '../beyond/follow.js';
import { runById, runsOf } from '../beyond/history.js';
import { detectDrift, repairDrift } from '../beyond/drift.js';
import { imageScope } from './admin-image.js';
import { runView } from './admin-runs.js';
import { rollback } from '../beyond/rollback.js';

export interface AdminAnswer {
  status: number;
  body: unknown;
}

/** Answers a beyond-AWS admin route, or undefined when the path is none of them. */
/** `caller`: the account a request's credentials name (the admin guard); it limits every route to that account's own images and settings. */
export async function beyondRoute(services: Services, method: string, url: URL, body: Buffer, caller?: string): Promise<AdminAnswer | undefined> {
  const path = url.pathname.replace(/\/+$/, '');
  const routes: Record<string, Partial<Record<string, () => Promise<AdminAnswer>>>> = {
    '/_ibex/drift': {
      GET: async () => {
        const at = imageScope(services, url.searchParams.get('imageBuildVersionArn'), 'imageBuildVersionArn', caller);
        if ('error' in at) return at.error;
        return { status: 200, body: await detectDrift(services, at.scope, at.arn) };
      },
    },
    '/_ibex/drift/repair': {
      POST: async () => {
        const at = imageScope(services, jsonField(body, 'imageBuildVersionArn'), 'imageBuildVersionArn', caller);
        if ('error' in at) return at.error;
        return { status: 200, body: await repairDrift(services, at.scope, at.arn) };
      },
    },
    '/_ibex/rollback': {
      POST: async () => {
        const at = imageScope(services, jsonField(body, 'to'), 'to', caller);
        if ('error' in at) return at.error;
        return { status: 200, body: await rollback(services, at.scope, at.arn, jsonFlag(body, 'dryRun')) };
      },
    },
    '/_ibex/follow': {
      GET: async () => ({ status: 200, body: { configurations: await followStatus(services, caller) } }),
      POST: async () => ({ status: 200, body: { configurations: await syncFollowers(services, caller) } }),
    },
  };
  // GET /_ibex/runs?imageBuildVersionArn=…: the image's runs (its own and ibex's catch-up, repair,
  // rollout and rollback runs), each with its jobs (state, times, where each job's account came
  // from) and its steps with their times (admin-runs.ts).
  if (path === '/_ibex/runs' && method === 'GET') {
    const at = imageScope(services, url.searchParams.get('imageBuildVersionArn'), 'imageBuildVersionArn', caller);
    if ('error' in at) return at.error;
    const runs = runsOf(services, at.scope, at.arn).map((r) => runView(r, services.runs.steps(at.scope, r.runId)));
    return { status: 200, body: { imageBuildVersionArn: at.arn, runs } };
  }
  // GET /_ibex/runs/<runId>: the state of a run (catch-up, repair, or an image's own).
  const m = /^\/_ibex\/runs\/([0-9a-f-]{36})$/.exec(path);
  if (m && method === 'GET') {
    const found = runById(services, m[1]!);
    if (!found || (caller !== undefined && found.run.scope.accountId !== caller)) return { status: 404, body: { message: `No run ${m[1]}.` } };
    return { status: 200, body: runView(found.run, services.runs.steps(found.run.scope, found.run.runId)) };
  }
  const route = routes[path];
  if (!route) return undefined;
  const handler = route[method];
  if (!handler) return { status: 405, body: { message: `${method} is not supported on ${path}; use ${Object.keys(route).join(', ')}.` } };
  return handler();
}

/** A string field of a JSON body (undefined when absent or not JSON: the caller reports it). */
function jsonField(body: Buffer, name: string): string | null {
  try {
    const v = (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** A boolean field of a JSON body (false when absent). */
function jsonFlag(body: Buffer, name: string): boolean {
  try {
    return (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>)[name] === true;
  } catch {
    return false;
  }
}
