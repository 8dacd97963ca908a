// A rollout ring's approval gate as a real workflow step: a one-step DISTRIBUTION workflow whose
// step is a WaitForAction, run by the workflow engine on the rollout's image with its end reported
// to the rollout (never settling the image). So the gate is WAITING in ListWaitingWorkflowSteps,
// answered by SendWorkflowStepAction RESUME/STOP as by POST /_ibex/rollouts/<id>/approve|reject,
// and durable like every workflow step. The workflow is ibex's own, not a stored resource.
import { imagebuilderArn } from '../domain/arn.js';
import type { Scope } from '../domain/scope.js';
import type { AttachedWorkflow } from '../workflows/attach.js';
import { parseWorkflowDocument } from '../workflows/document.js';
import { ROLLOUT_GATE_WORKFLOW } from '../client/admin-types.js';

/** The gate workflow's name; the console knows a gate step by it (client module). */
export const GATE_WORKFLOW = ROLLOUT_GATE_WORKFLOW;
/** WaitForAction's longest timeout (7 days): a gate nobody answers fails like a rejection then. */
export const GATE_TIMEOUT_SECONDS = 604_800;

/** The gate step's name: `Approve-<ring>` within the step-name pattern. */
export function gateStepName(ring: string): string {
  return `Approve-${ring.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 100);
}

/** The gate before `ring` of rollout `rolloutId`, as an attached DISTRIBUTION workflow. */
export function gateWorkflow(scope: Scope, rolloutId: string, ring: string): AttachedWorkflow {
  const doc = {
    name: GATE_WORKFLOW,
    description: 'The approval gate before a ring of an ibex rollout',
    schemaVersion: 1.0,
    steps: [
      {
        name: gateStepName(ring),
        description: `Approval gate before ring ${ring} of rollout ${rolloutId}`,
        action: 'WaitForAction',
        onFailure: 'Abort',
        timeoutSeconds: GATE_TIMEOUT_SECONDS,
        inputs: { payload: `Rollout ${rolloutId}: approve ring ${ring} (RESUME) or reject it (STOP).` },
      },
    ],
  };
  return {
    arn: imagebuilderArn(scope, 'workflow', `distribution/${GATE_WORKFLOW}/1.0.0/1`),
    type: 'DISTRIBUTION',
    managed: false,
    name: GATE_WORKFLOW,
    document: parseWorkflowDocument(JSON.stringify(doc), 'DISTRIBUTION'),
    parameters: {},
    onFailure: 'ABORT',
  };
}
