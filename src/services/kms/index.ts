// The kms operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const KMS_HANDLERS: WorldHandlers = {};
