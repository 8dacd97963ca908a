// Rollout routes: GET/POST /_ibex/rollouts (list, start), GET /_ibex/rollouts/<id>, and
// POST /_ibex/rollouts/<id>/{approve,reject,resume,abort,rollback} (approve and reject take an optional {"reason"}). Bad input is a 400, an unknown
// rollout a 404, an action the rollout's state does not allow a 409, each with {"message"}.
import { Rollouts, RolloutError, type RolloutRequest } from '../beyond/rollout.js';
import { ImagebuilderError } from '../protocol/errors.js';
import type { AdminAnswer } from './admin-beyond.js';

function parse(body: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(body.toString('utf8') || '{}') as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error();
    return v as Record<string, unknown>;
  } catch {
    throw new RolloutError(400, 'The body must be a JSON object.');
  }
}

/** The optional `reason` of an approval or a rejection (1 to 1024 characters, as SendWorkflowStepAction's). */
function gateReason(req: Record<string, unknown>): string | undefined {
  const v = req.reason;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length < 1 || v.length > 1024) throw new RolloutError(400, 'reason must be a string of 1 to 1024 characters.');
  return v;
}

/** Answers a rollout route, or undefined when the path is none of them. */
/** `caller`: the account a request's credentials name; it sees and changes only its own rollouts. */
export async function rolloutRoute(rollouts: Rollouts, method: string, path: string, body: Buffer, caller?: string): Promise<AdminAnswer | undefined> {
  const m = /^\/_ibex\/rollouts(?:\/([^/]+)(?:\/(approve|reject|resume|abort|rollback))?)?$/.exec(path);
  if (!m) return undefined;
  const [, id, action] = m;
  try {
    if (!id) {
      if (method === 'GET') return { status: 200, body: { rollouts: rollouts.list().filter((r) => caller === undefined || r.scope.accountId === caller) } };
      if (method !== 'POST') return { status: 405, body: { message: `${method} is not supported on ${path}; use GET, POST.` } };
      const req = parse(body);
      if (typeof req.distributionConfigurationArn !== 'string' || typeof req.sourceImage !== 'string') {
        return { status: 400, body: { message: 'distributionConfigurationArn and sourceImage are required strings, rings a list of rings.' } };
      }
      const owner = /^arn:[^:]+:imagebuilder:[^:]+:(\d{12}):/.exec(req.distributionConfigurationArn)?.[1];
      if (caller !== undefined && owner !== caller)
        return {
          status: 403,
          body: {
            __type: 'AccessDeniedException',
            message: `You can roll out only your own account's distribution configurations; '${req.distributionConfigurationArn}' is not ${caller}'s.`,
          },
        };
      return { status: 201, body: await rollouts.create(req as unknown as RolloutRequest) };
    }
    if (caller !== undefined && rollouts.get(id).scope.accountId !== caller) return { status: 404, body: { message: `No rollout ${id}.` } };
    if (!action) {
      if (method !== 'GET') return { status: 405, body: { message: `${method} is not supported on ${path}; use GET.` } };
      return { status: 200, body: rollouts.get(id) };
    }
    if (method !== 'POST') return { status: 405, body: { message: `${method} is not supported on ${path}; use POST.` } };
    switch (action) {
      case 'approve':
        return { status: 200, body: rollouts.approve(id, gateReason(parse(body))) };
      case 'reject':
        return { status: 200, body: rollouts.reject(id, gateReason(parse(body))) };
      case 'resume':
        return { status: 200, body: rollouts.resume(id) };
      case 'abort':
        return { status: 200, body: rollouts.abort(id) };
      default: {
        const { to, dryRun } = parse(body);
        if (to !== undefined && typeof to !== 'string') return { status: 400, body: { message: 'to must be an image build version ARN.' } };
        if (dryRun !== undefined && typeof dryRun !== 'boolean') return { status: 400, body: { message: 'dryRun must be true or false.' } };
        return { status: 200, body: await rollouts.rollBack(id, to, dryRun === true) };
      }
    }
  } catch (e) {
    if (e instanceof RolloutError) return { status: e.status, body: { message: e.message } };
    if (e instanceof ImagebuilderError) return { status: e.status, body: { __type: e.code, message: e.message } };
    throw e;
  }
}
