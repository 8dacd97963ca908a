// The registry: every operation of the model maps to its handler, or to null while ibex does
// not implement it yet (answered with InvalidRequestException). The mapped type makes the
// compiler reject a missing operation.
import type { OperationName } from '../model/generated/operations.js';
import type { Handler } from './context.js';
import { GetWorkflowStepExecution } from './GetWorkflowStepExecution.js';
import { ListWorkflowStepExecutions } from './ListWorkflowStepExecutions.js';
import { GetWorkflowExecution } from './GetWorkflowExecution.js';
import { ListWorkflowExecutions } from './ListWorkflowExecutions.js';
import { CancelImageCreation } from './CancelImageCreation.js';
import { RetryImage } from './RetryImage.js';
import { GetImage } from './GetImage.js';
import { DistributeImage } from './DistributeImage.js';
import { CreateDistributionConfiguration } from './CreateDistributionConfiguration.js';
import { DeleteDistributionConfiguration } from './DeleteDistributionConfiguration.js';
import { GetDistributionConfiguration } from './GetDistributionConfiguration.js';
import { ListDistributionConfigurations } from './ListDistributionConfigurations.js';
import { ListTagsForResource } from './ListTagsForResource.js';
import { TagResource } from './TagResource.js';
import { UntagResource } from './UntagResource.js';
import { UpdateDistributionConfiguration } from './UpdateDistributionConfiguration.js';

/** Handlers by operation name; null means not implemented yet. */
export const handlers: { [K in OperationName]: Handler<K> | null } = {
  CancelImageCreation,
  CancelLifecycleExecution: null,
  CreateComponent: null,
  CreateContainerRecipe: null,
  CreateDistributionConfiguration,
  CreateImage: null,
  CreateImagePipeline: null,
  CreateImageRecipe: null,
  CreateInfrastructureConfiguration: null,
  CreateLifecyclePolicy: null,
  CreateWorkflow: null,
  DeleteComponent: null,
  DeleteContainerRecipe: null,
  DeleteDistributionConfiguration,
  DeleteImage: null,
  DeleteImagePipeline: null,
  DeleteImageRecipe: null,
  DeleteInfrastructureConfiguration: null,
  DeleteLifecyclePolicy: null,
  DeleteWorkflow: null,
  DistributeImage,
  GetComponent: null,
  GetComponentPolicy: null,
  GetContainerRecipe: null,
  GetContainerRecipePolicy: null,
  GetDistributionConfiguration,
  GetImage,
  GetImagePipeline: null,
  GetImagePolicy: null,
  GetImageRecipe: null,
  GetImageRecipePolicy: null,
  GetInfrastructureConfiguration: null,
  GetLifecycleExecution: null,
  GetLifecyclePolicy: null,
  GetMarketplaceResource: null,
  GetWorkflow: null,
  GetWorkflowExecution,
  GetWorkflowStepExecution,
  ImportComponent: null,
  ImportDiskImage: null,
  ImportVmImage: null,
  ListComponentBuildVersions: null,
  ListComponents: null,
  ListContainerRecipes: null,
  ListDistributionConfigurations,
  ListImageBuildVersions: null,
  ListImagePackages: null,
  ListImagePipelineImages: null,
  ListImagePipelines: null,
  ListImageRecipes: null,
  ListImageScanFindingAggregations: null,
  ListImageScanFindings: null,
  ListImages: null,
  ListInfrastructureConfigurations: null,
  ListLifecycleExecutionResources: null,
  ListLifecycleExecutions: null,
  ListLifecyclePolicies: null,
  ListTagsForResource,
  ListWaitingWorkflowSteps: null,
  ListWorkflowBuildVersions: null,
  ListWorkflowExecutions,
  ListWorkflowStepExecutions,
  ListWorkflows: null,
  PutComponentPolicy: null,
  PutContainerRecipePolicy: null,
  PutImagePolicy: null,
  PutImageRecipePolicy: null,
  RetryImage,
  SendWorkflowStepAction: null,
  StartImagePipelineExecution: null,
  StartResourceStateUpdate: null,
  TagResource,
  UntagResource,
  UpdateDistributionConfiguration,
  UpdateImagePipeline: null,
  UpdateInfrastructureConfiguration: null,
  UpdateLifecyclePolicy: null,
};
