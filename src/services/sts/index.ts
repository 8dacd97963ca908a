// The STS operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { AssumeRole } from './AssumeRole.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';

export const STS_HANDLERS: WorldHandlers = { AssumeRole, GetCallerIdentity };
