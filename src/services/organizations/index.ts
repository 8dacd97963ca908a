// The organizations operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const ORGANIZATIONS_HANDLERS: WorldHandlers = {};
