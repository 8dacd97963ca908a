// EC2 client tokens in the simulated world: a repeated request with the same token returns what
// the first one made instead of making it again; the same token with other parameters fails.
// Dry runs check the request as a new one: they neither replay nor record a token.
import { fail, requestHash, type Ctx, type Sim } from './sim.js';

interface Tokened {
  clientToken?: string;
  dryRun?: boolean;
}

/** The result the token already produced for this same request, or undefined for a new request. */
export function priorResult(sim: Sim, ctx: Ctx, operation: string, input: Tokened): string | undefined {
  if (!input.clientToken || input.dryRun) return undefined;
  const prior = sim.state.tokenOf(ctx.accountId, ctx.region, operation, input.clientToken);
  if (!prior) return undefined;
  if (prior.requestHash !== requestHash(input)) {
    throw fail(
      'ec2',
      'IdempotentParameterMismatch',
      `The client token '${input.clientToken}' was already used for a ${operation} request with different parameters.`,
    );
  }
  return prior.result;
}

/** Remembers what the token produced (call inside the transaction that stores the result). */
export function recordToken(sim: Sim, ctx: Ctx, operation: string, input: Tokened, result: string): void {
  if (!input.clientToken) return;
  sim.state.putToken({ accountId: ctx.accountId, region: ctx.region, operation, token: input.clientToken, requestHash: requestHash(input), result });
}
