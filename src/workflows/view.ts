// Custom workflow executions as Image Builder's workflow APIs show them: execution metadata with
// step totals, and each step with its status (WAITING while a WaitForAction pauses, a value the
// docs use and the model's enum lacks), its rollback status (SKIPPED unless it was rolled back),
// resolved inputs and outputs as JSON strings.
import type { GetWorkflowStepExecutionResponse, WorkflowExecutionMetadata, WorkflowStepMetadata } from '../model/generated/types.js';
import type { WorkflowStepRecord } from '../store/records.js';
import type { Exec } from './engine.js';

/** Metadata of one custom workflow execution. */
export function executionMetadata(exec: Exec, steps: WorkflowStepRecord[]): WorkflowExecutionMetadata {
  return {
    workflowBuildVersionArn: exec.workflowArn,
    workflowExecutionId: exec.executionId,
    type: exec.type,
    status: exec.status,
    message: (exec.message ?? (exec.status === 'RUNNING' ? 'Workflow running.' : exec.status === 'PENDING' ? 'Workflow pending.' : exec.status)).slice(0, 500),
    totalStepCount: steps.length,
    totalStepsSucceeded: steps.filter((s) => s.status === 'COMPLETED').length,
    totalStepsFailed: steps.filter((s) => s.status === 'FAILED').length,
    totalStepsSkipped: steps.filter((s) => s.status === 'SKIPPED').length,
    ...(exec.startTime ? { startTime: exec.startTime } : {}),
    ...(exec.endTime ? { endTime: exec.endTime } : {}),
    ...(exec.spec.workflow.parallelGroup ? { parallelGroup: exec.spec.workflow.parallelGroup } : {}),
    retried: exec.spec.retryOf !== undefined,
  };
}

/** One step of a custom workflow execution. */
export function stepMetadata(
  exec: Exec,
  st: WorkflowStepRecord,
): WorkflowStepMetadata & Pick<GetWorkflowStepExecutionResponse, 'onFailure' | 'timeoutSeconds'> {
  const doc = exec.spec.workflow.document.steps[st.idx]!;
  return {
    stepExecutionId: st.stepExecutionId,
    name: st.name,
    ...(doc.description ? { description: doc.description } : {}),
    action: st.action,
    status: st.status as WorkflowStepMetadata['status'],
    rollbackStatus: st.rollbackStatus ?? 'SKIPPED',
    message: (st.message ?? st.status).slice(0, 500),
    inputs: JSON.stringify(st.inputs ?? {}),
    outputs: JSON.stringify(st.outputs ?? {}),
    ...(st.startTime ? { startTime: st.startTime } : {}),
    ...(st.endTime ? { endTime: st.endTime } : {}),
    onFailure: doc.onFailure,
    timeoutSeconds: doc.timeoutSeconds,
  };
}
