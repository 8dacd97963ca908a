// The s3 operations ibex answers.
import type { WorldHandlers } from '../context.js';

export const S3_HANDLERS: WorldHandlers = {};
