// The step actions of Image Builder workflow documents (AWS user guide, "Workflow step actions"):
// the workflow types each is allowed in, its default and maximum timeout (seconds) and the inputs
// it requires. The document validator and the engine both read this table.
export type WorkflowType = 'BUILD' | 'TEST' | 'DISTRIBUTION';

export interface ActionInfo {
  stages: WorkflowType[];
  defaultTimeout: number;
  maxTimeout: number;
  /** Inputs that must be present (as `key` or `key.$`). */
  required: string[];
}

const ALL: WorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];
const H = 3600;

export const ACTIONS: Record<string, ActionInfo> = {
  LaunchInstance: { stages: ALL, defaultTimeout: 75 * 60, maxTimeout: 12 * H, required: ['waitFor'] },
  ExecuteComponents: { stages: ['BUILD', 'TEST'], defaultTimeout: 12 * H, maxTimeout: 24 * H, required: ['instanceId'] },
  BootstrapInstanceForContainer: { stages: ALL, defaultTimeout: H, maxTimeout: 12 * H, required: ['instanceId'] },
  RunSysPrep: { stages: ALL, defaultTimeout: H, maxTimeout: 12 * H, required: ['instanceId'] },
  SanitizeInstance: { stages: ALL, defaultTimeout: H, maxTimeout: 12 * H, required: ['instanceId'] },
  CollectImageScanFindings: { stages: ['TEST'], defaultTimeout: 2 * H, maxTimeout: 12 * H, required: ['instanceId'] },
  CollectImageMetadata: { stages: ALL, defaultTimeout: 30 * 60, maxTimeout: 12 * H, required: ['instanceId'] },
  CreateImage: { stages: ALL, defaultTimeout: 12 * H, maxTimeout: 72 * H, required: ['instanceId'] },
  CreateImageFromIso: { stages: ALL, defaultTimeout: 12 * H, maxTimeout: 12 * H, required: [] },
  RegisterImage: { stages: ALL, defaultTimeout: 540 * 60, maxTimeout: 12 * H, required: [] },
  RunCommand: { stages: ALL, defaultTimeout: 12 * H, maxTimeout: 12 * H, required: ['instanceId', 'documentName'] },
  WaitForSSMAgent: { stages: ALL, defaultTimeout: H, maxTimeout: 3 * H, required: ['instanceId'] },
  ExecuteStateMachine: { stages: ALL, defaultTimeout: 6 * H, maxTimeout: 24 * H, required: ['stateMachineArn'] },
  TerminateInstance: { stages: ALL, defaultTimeout: 30 * 60, maxTimeout: 12 * H, required: ['instanceId'] },
  DistributeContainerImage: { stages: ['DISTRIBUTION'], defaultTimeout: 2 * H, maxTimeout: 12 * H, required: [] },
  DistributeImage: { stages: ['DISTRIBUTION'], defaultTimeout: 6 * H, maxTimeout: 12 * H, required: [] },
  ModifyImageAttributes: { stages: ['DISTRIBUTION'], defaultTimeout: 2 * H, maxTimeout: 3 * H, required: ['distributedImages'] },
  ApplyImageConfigurations: { stages: ['DISTRIBUTION'], defaultTimeout: 6 * H, maxTimeout: 12 * H, required: ['distributedImages'] },
  WaitForAction: { stages: ALL, defaultTimeout: 72 * H, maxTimeout: 7 * 24 * H, required: [] },
};

/** Actions that distribute AMIs (a workflow cannot mix them with DistributeContainerImage). */
export const AMI_DISTRIBUTION_ACTIONS = new Set(['DistributeImage', 'ModifyImageAttributes', 'ApplyImageConfigurations']);
