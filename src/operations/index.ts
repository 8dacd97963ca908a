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
import { CreateComponent } from './CreateComponent.js';
import { CreateContainerRecipe } from './CreateContainerRecipe.js';
import { CreateImage } from './CreateImage.js';
import { CreateImagePipeline } from './CreateImagePipeline.js';
import { CreateImageRecipe } from './CreateImageRecipe.js';
import { CreateInfrastructureConfiguration } from './CreateInfrastructureConfiguration.js';
import { DeleteComponent } from './DeleteComponent.js';
import { DeleteContainerRecipe } from './DeleteContainerRecipe.js';
import { DeleteImage } from './DeleteImage.js';
import { DeleteImagePipeline } from './DeleteImagePipeline.js';
import { DeleteImageRecipe } from './DeleteImageRecipe.js';
import { DeleteInfrastructureConfiguration } from './DeleteInfrastructureConfiguration.js';
import { GetComponent } from './GetComponent.js';
import { GetContainerRecipe } from './GetContainerRecipe.js';
import { GetImagePipeline } from './GetImagePipeline.js';
import { GetImageRecipe } from './GetImageRecipe.js';
import { GetInfrastructureConfiguration } from './GetInfrastructureConfiguration.js';
import { ListComponentBuildVersions } from './ListComponentBuildVersions.js';
import { ListComponents } from './ListComponents.js';
import { ListContainerRecipes } from './ListContainerRecipes.js';
import { ListImageBuildVersions } from './ListImageBuildVersions.js';
import { ListImagePipelineImages } from './ListImagePipelineImages.js';
import { ListImagePipelines } from './ListImagePipelines.js';
import { ListImageRecipes } from './ListImageRecipes.js';
import { ListImages } from './ListImages.js';
import { ListInfrastructureConfigurations } from './ListInfrastructureConfigurations.js';
import { StartImagePipelineExecution } from './StartImagePipelineExecution.js';
import { UpdateImagePipeline } from './UpdateImagePipeline.js';
import { UpdateInfrastructureConfiguration } from './UpdateInfrastructureConfiguration.js';
// Custom workflows (issue 14 part 1).
import { CreateWorkflow } from './CreateWorkflow.js';
import { DeleteWorkflow } from './DeleteWorkflow.js';
import { GetWorkflow } from './GetWorkflow.js';
import { ListWaitingWorkflowSteps } from './ListWaitingWorkflowSteps.js';
import { ListWorkflowBuildVersions } from './ListWorkflowBuildVersions.js';
import { ListWorkflows } from './ListWorkflows.js';
import { SendWorkflowStepAction } from './SendWorkflowStepAction.js';

/** Handlers by operation name; null means not implemented yet. */
export const handlers: { [K in OperationName]: Handler<K> | null } = {
  CancelImageCreation,
  CancelLifecycleExecution: null,
  CreateComponent,
  CreateContainerRecipe,
  CreateDistributionConfiguration,
  CreateImage,
  CreateImagePipeline,
  CreateImageRecipe,
  CreateInfrastructureConfiguration,
  CreateLifecyclePolicy: null,
  CreateWorkflow,
  DeleteComponent,
  DeleteContainerRecipe,
  DeleteDistributionConfiguration,
  DeleteImage,
  DeleteImagePipeline,
  DeleteImageRecipe,
  DeleteInfrastructureConfiguration,
  DeleteLifecyclePolicy: null,
  DeleteWorkflow,
  DistributeImage,
  GetComponent,
  GetComponentPolicy: null,
  GetContainerRecipe,
  GetContainerRecipePolicy: null,
  GetDistributionConfiguration,
  GetImage,
  GetImagePipeline,
  GetImagePolicy: null,
  GetImageRecipe,
  GetImageRecipePolicy: null,
  GetInfrastructureConfiguration,
  GetLifecycleExecution: null,
  GetLifecyclePolicy: null,
  GetMarketplaceResource: null,
  GetWorkflow,
  GetWorkflowExecution,
  GetWorkflowStepExecution,
  ImportComponent: null,
  ImportDiskImage: null,
  ImportVmImage: null,
  ListComponentBuildVersions,
  ListComponents,
  ListContainerRecipes,
  ListDistributionConfigurations,
  ListImageBuildVersions,
  ListImagePackages: null,
  ListImagePipelineImages,
  ListImagePipelines,
  ListImageRecipes,
  ListImageScanFindingAggregations: null,
  ListImageScanFindings: null,
  ListImages,
  ListInfrastructureConfigurations,
  ListLifecycleExecutionResources: null,
  ListLifecycleExecutions: null,
  ListLifecyclePolicies: null,
  ListTagsForResource,
  ListWaitingWorkflowSteps,
  ListWorkflowBuildVersions,
  ListWorkflowExecutions,
  ListWorkflowStepExecutions,
  ListWorkflows,
  PutComponentPolicy: null,
  PutContainerRecipePolicy: null,
  PutImagePolicy: null,
  PutImageRecipePolicy: null,
  RetryImage,
  SendWorkflowStepAction,
  StartImagePipelineExecution,
  StartResourceStateUpdate: null,
  TagResource,
  UntagResource,
  UpdateDistributionConfiguration,
  UpdateImagePipeline,
  UpdateInfrastructureConfiguration,
  UpdateLifecyclePolicy: null,
};
