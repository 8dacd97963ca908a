// The iam operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const IAM_HANDLERS: WorldHandlers = {};
