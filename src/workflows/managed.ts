// The AWS-managed workflows (owner `aws`), as ListWorkflows with owner Amazon lists them and as
// images and pipelines reference them (`arn:aws:imagebuilder:<region>:aws:workflow/<type>/<name>/x.x.x`).
// Their documents follow AWS's published step chains; only version 1.0.0 (build 1) exists here.
import { partitionOf } from '../domain/scope.js';
import type { Workflow } from '../model/generated/types.js';
import type { WorkflowType } from './actions.js';

const LAUNCH = (name: string) => `  - name: ${name}\n    action: LaunchInstance\n    onFailure: Abort\n    inputs:\n      waitFor: "ssmAgent"\n`;
const ON = (step: string, name: string, action: string, extra = '') =>
  `  - name: ${name}\n    action: ${action}\n    onFailure: Abort\n${extra}    inputs:\n      instanceId.$: "$.stepOutputs.${step}.instanceId"\n`;
const TERMINATE = (step: string, name: string) =>
  `  - name: ${name}\n    action: TerminateInstance\n    onFailure: Continue\n    inputs:\n      instanceId.$: "$.stepOutputs.${step}.instanceId"\n`;

const BUILD_IMAGE = `name: build-image
description: Workflow to build an AMI
schemaVersion: 1.0
steps:
${LAUNCH('LaunchBuildInstance')}${ON('LaunchBuildInstance', 'ApplyBuildComponents', 'ExecuteComponents')}${ON(
  'LaunchBuildInstance',
  'InventoryCollection',
  'CollectImageMetadata',
  '    if:\n      and:\n        - stringEquals: "AMI"\n          value: "$.imagebuilder.imageType"\n        - booleanEquals: true\n          value: "$.imagebuilder.collectImageMetadata"\n',
)}${ON('LaunchBuildInstance', 'RunSanitizeScript', 'SanitizeInstance')}${ON('LaunchBuildInstance', 'CreateOutputAMI', 'CreateImage')}${TERMINATE('LaunchBuildInstance', 'TerminateBuildInstance')}outputs:
  - name: "ImageId"
    value: "$.stepOutputs.CreateOutputAMI.imageId"
`;

const BUILD_CONTAINER = `name: build-container
description: Workflow to build a container image
schemaVersion: 1.0
steps:
${LAUNCH('LaunchBuildInstance')}${ON('LaunchBuildInstance', 'BootstrapBuildInstance', 'BootstrapInstanceForContainer')}${ON('LaunchBuildInstance', 'ApplyBuildComponents', 'ExecuteComponents')}${TERMINATE('LaunchBuildInstance', 'TerminateBuildInstance')}`;

const TEST_IMAGE = `name: test-image
description: Workflow to test an AMI
schemaVersion: 1.0
steps:
${LAUNCH('LaunchTestInstance')}${ON(
  'LaunchTestInstance',
  'CollectImageScanFindings',
  'CollectImageScanFindings',
  '    if:\n      booleanEquals: true\n      value: "$.imagebuilder.collectImageScanFindings"\n',
)}${ON('LaunchTestInstance', 'ApplyTestComponents', 'ExecuteComponents')}${TERMINATE('LaunchTestInstance', 'TerminateTestInstance')}`;

const TEST_CONTAINER = `name: test-container
description: Workflow to test a container image
schemaVersion: 1.0
steps:
${LAUNCH('LaunchTestInstance')}${ON('LaunchTestInstance', 'BootstrapTestInstance', 'BootstrapInstanceForContainer')}${ON('LaunchTestInstance', 'ApplyTestComponents', 'ExecuteComponents')}${TERMINATE('LaunchTestInstance', 'TerminateTestInstance')}`;

const DISTRIBUTE_IMAGE = `name: distribute-image
description: Workflow to distribute an AMI
schemaVersion: 1.0
steps:
  - name: DistributeImageStep
    action: DistributeImage
    onFailure: Abort
  - name: ModifyImageAttributesStep
    action: ModifyImageAttributes
    onFailure: Abort
    inputs:
      distributedImages.$: "$.stepOutputs.DistributeImageStep.distributedImages"
  - name: ApplyImageConfigurationsStep
    action: ApplyImageConfigurations
    onFailure: Abort
    inputs:
      distributedImages.$: "$.stepOutputs.DistributeImageStep.distributedImages"
`;

const DISTRIBUTE_CONTAINER = `name: distribute-container
description: Workflow to distribute a container image
schemaVersion: 1.0
steps:
  - name: DistributeContainerImageStep
    action: DistributeContainerImage
    onFailure: Abort
`;

interface Managed {
  type: WorkflowType;
  name: string;
  description: string;
  data: string;
}

const MANAGED: Managed[] = [
  { type: 'BUILD', name: 'build-image', description: 'Workflow to build an AMI', data: BUILD_IMAGE },
  { type: 'BUILD', name: 'build-container', description: 'Workflow to build a container image', data: BUILD_CONTAINER },
  {
    type: 'BUILD',
    name: 'express-build-image',
    description: 'Workflow to build an AMI with fewer steps',
    data: BUILD_IMAGE.replace('name: build-image', 'name: express-build-image'),
  },
  {
    type: 'BUILD',
    name: 'express-build-container',
    description: 'Workflow to build a container image with fewer steps',
    data: BUILD_CONTAINER.replace('name: build-container', 'name: express-build-container'),
  },
  { type: 'TEST', name: 'test-image', description: 'Workflow to test an AMI', data: TEST_IMAGE },
  { type: 'TEST', name: 'test-container', description: 'Workflow to test a container image', data: TEST_CONTAINER },
  {
    type: 'TEST',
    name: 'express-test-image',
    description: 'Workflow to test an AMI with fewer steps',
    data: TEST_IMAGE.replace('name: test-image', 'name: express-test-image'),
  },
  { type: 'DISTRIBUTION', name: 'distribute-image', description: 'Workflow to distribute an AMI', data: DISTRIBUTE_IMAGE },
  { type: 'DISTRIBUTION', name: 'distribute-container', description: 'Workflow to distribute a container image', data: DISTRIBUTE_CONTAINER },
];

/** When the managed workflows are said to have been created (a fixed date). */
const MANAGED_DATE = '2023-11-26T00:00:00.000Z';

/** The AWS-managed workflows of a Region as Workflow records with their build ARN. */
export function managedWorkflows(region: string): (Workflow & { arn: string; version: string })[] {
  return MANAGED.map((m) => ({
    arn: `arn:${partitionOf(region)}:imagebuilder:${region}:aws:workflow/${m.type.toLowerCase()}/${m.name}/1.0.0/1`,
    name: m.name,
    version: '1.0.0',
    description: m.description,
    type: m.type,
    owner: 'aws',
    data: m.data,
    dateCreated: MANAGED_DATE,
    parameters: [],
    tags: {},
  }));
}
