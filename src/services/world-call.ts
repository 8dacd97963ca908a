// What a world-service operation handler receives and may throw. Handlers take the input and
// return the output named exactly as the service's botocore model names the members; the
// protocol layer (src/protocol/<protocol>.ts) turns them into and from that service's wire form.
import type { CloudPorts, CloudScope } from '../cloud/ports.js';
import type { Sim } from '../cloud/simulated/sim.js';
import type { Doc } from '../protocol/world-error.js';

// The wire-level pieces live with the protocols that speak them; re-exported for the handlers.
export { WorldError, type Doc } from '../protocol/world-error.js';

/** The services the world answers on ibex's endpoint, by SigV4 signing name. */
export type WorldServiceName = 'ec2' | 'ssm' | 'ecr' | 's3' | 'sts' | 'iam' | 'kms' | 'organizations' | 'license-manager';

/** One call on the world's wire API. */
export interface WorldCall {
  service: WorldServiceName;
  operation: string;
  /** The caller: its account and Region, and the assumed-role session when it sent one. */
  scope: CloudScope;
  accessKeyId: string;
  requestId: string;
  /** The ports the engine uses (the same world state). */
  ports: CloudPorts;
  /** The simulation behind them, for operations the engine's ports do not need. */
  sim: Sim;
  /** The raw request body (S3 object bodies). */
  body: Buffer;
}

/** An operation handler. */
export type WorldHandler = (input: Doc, call: WorldCall) => Promise<Doc | void> | Doc | void;

/** A service's operations; a model operation without a handler answers "not implemented". */
export type WorldHandlers = Partial<Record<string, WorldHandler>>;
