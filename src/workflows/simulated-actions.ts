// What the step actions that need an instance (LaunchInstance, ExecuteComponents, RunCommand,
// CreateImage, …) return in ibex's simulated build, which runs no instances: the outputs AWS
// documents for each, deterministic per step execution; image-producing actions return the
// build AMI the simulated build registered.
import { createHash } from 'node:crypto';
import type { Scope } from '../domain/scope.js';

const hex = (seed: string, n: number) => createHash('sha256').update(seed).digest('hex').slice(0, n);
const uuid = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The outputs of a simulated action. */
export function simulatedOutputs(
  action: string,
  scope: Scope,
  stepExecutionId: string,
  inputs: Record<string, unknown>,
  build: { amiId?: string; platform?: string },
): Record<string, unknown> {
  const command = { runCommandId: uuid(`${stepExecutionId}:command`), status: 'Success', output: '' };
  switch (action) {
    case 'LaunchInstance':
      return { instanceId: `i-${hex(stepExecutionId, 17)}` };
    case 'CreateImage':
    case 'RegisterImage':
      return { imageId: build.amiId ?? '' };
    case 'CreateImageFromIso':
      return { amiName: build.amiId ?? '', snapshotId: `snap-${hex(stepExecutionId, 17)}`, architecture: 'x86_64' };
    case 'RunCommand':
      return { ...command, output: [] };
    case 'ExecuteComponents':
    case 'BootstrapInstanceForContainer':
    case 'RunSysPrep':
    case 'SanitizeInstance':
    case 'CollectImageScanFindings':
      return command;
    case 'CollectImageMetadata':
      return { osVersion: build.platform === 'Windows' ? 'Microsoft Windows Server' : 'Amazon Linux', associationId: uuid(`${stepExecutionId}:association`) };
    case 'WaitForSSMAgent':
      return { status: 'Success' };
    case 'ExecuteStateMachine': {
      const sm = typeof inputs.stateMachineArn === 'string' ? inputs.stateMachineArn : `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:unknown`;
      return { executionArn: `${sm.replace(':stateMachine:', ':execution:')}:${uuid(stepExecutionId)}`, output: '{}' };
    }
    default:
      return {};
  }
}
