// The license-manager operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const LICENSE_MANAGER_HANDLERS: WorldHandlers = {};
