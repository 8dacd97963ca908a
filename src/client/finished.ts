// When an image, a workflow execution or a workflow step has stopped moving: the one list the CLI
// (watch, status) and the console (polling) share, from the model's ImageStatus and
// WorkflowExecutionStatus/WorkflowStepExecutionStatus enums.

/** Image states after which nothing changes without a new request (DISABLED included). */
export const FINISHED_IMAGE_STATES: ReadonlySet<string> = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']);

/** Workflow execution and step states that are final. */
export const FINISHED_STEP_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'SKIPPED', 'CANCELLED', 'ROLLBACK_COMPLETED']);

/** True when an image in `status` will not change on its own. */
export const isFinished = (status: string | undefined): boolean => FINISHED_IMAGE_STATES.has(status ?? '');
