// The ecr operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const ECR_HANDLERS: WorldHandlers = {};
