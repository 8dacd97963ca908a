// clientToken idempotency (facts §7): the same token with the same input replays the original
// response without doing the work again; with another input it fails. Requests sharing a token
// are serialized in-process so that concurrent retries cannot both do the work. A handler that
// creates something writes the token record in the same transaction (`ctx.commitToken`), so a
// crash can never leave the thing without its record (a retry would then make a second one).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/pagination.js';
import { IdempotentParameterMismatchException } from '../model/generated/errors.js';
import type { Ctx } from './handler.js';

const inFlight = new Map<string, Promise<unknown>>();

/** Runs `work` once per (scope, operation, token); replays its stored response afterwards. */
export async function idempotent<T>(
  operation: string,
  token: string,
  tokenMember: string,
  input: Record<string, unknown>,
  ctx: Ctx,
  work: () => Promise<T>,
): Promise<T> {
  const key = `${ctx.scope.accountId}|${ctx.scope.region}|${operation}|${token}`;
  const previous = inFlight.get(key);
  const mine = (async () => {
    if (previous) await previous.catch(() => undefined);
    const { [tokenMember]: _token, ...rest } = input;
    const hash = createHash('sha256').update(canonicalJson(rest)).digest('hex');
    const store = ctx.services.idempotency;
    const seen = store.get(ctx.scope, operation, token);
    if (seen) {
      if (seen.requestHash !== hash) {
        throw new IdempotentParameterMismatchException(`The client token '${token}' was already used for a ${operation} request with different parameters.`);
      }
      const replay = seen.response as Record<string, unknown>;
      return ('requestId' in replay ? { ...replay, requestId: ctx.requestId } : replay) as T;
    }
    let committed = false;
    ctx.commitToken = (response) => {
      store.put(ctx.scope, operation, token, { requestHash: hash, response });
      committed = true;
    };
    try {
      const response = await work();
      if (!committed) store.put(ctx.scope, operation, token, { requestHash: hash, response });
      return response;
    } finally {
      delete ctx.commitToken;
    }
  })();
  inFlight.set(key, mine);
  try {
    return await mine;
  } finally {
    if (inFlight.get(key) === mine) inFlight.delete(key);
  }
}
