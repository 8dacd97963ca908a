// The registry: every operation of the model maps to its handler, or to null while ibex does
// not implement it yet (answered with InvalidRequestException). The mapped type makes the
// compiler reject a missing operation.
import type { OperationName } from '../model/generated/operations.js';
import type { Handler } from './handler.js';
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
// Lifecycle, resource policies, imports and the rest (issue #14 parts 2–4).
import { CancelLifecycleExecution } from './CancelLifecycleExecution.js';
import { CreateLifecyclePolicy } from './CreateLifecyclePolicy.js';
import { DeleteLifecyclePolicy } from './DeleteLifecyclePolicy.js';
import { GetLifecycleExecution } from './GetLifecycleExecution.js';
import { GetLifecyclePolicy } from './GetLifecyclePolicy.js';
import { ListLifecycleExecutionResources } from './ListLifecycleExecutionResources.js';
import { ListLifecycleExecutions } from './ListLifecycleExecutions.js';
import { ListLifecyclePolicies } from './ListLifecyclePolicies.js';
import { StartResourceStateUpdate } from './StartResourceStateUpdate.js';
import { UpdateLifecyclePolicy } from './UpdateLifecyclePolicy.js';
import { PutImagePolicy } from './PutImagePolicy.js';
import { GetImagePolicy } from './GetImagePolicy.js';
import { PutImageRecipePolicy } from './PutImageRecipePolicy.js';
import { GetImageRecipePolicy } from './GetImageRecipePolicy.js';
import { PutContainerRecipePolicy } from './PutContainerRecipePolicy.js';
import { GetContainerRecipePolicy } from './GetContainerRecipePolicy.js';
import { PutComponentPolicy } from './PutComponentPolicy.js';
import { GetMarketplaceResource } from './GetMarketplaceResource.js';
import { ImportComponent } from './ImportComponent.js';
import { ImportDiskImage } from './ImportDiskImage.js';
import { ImportVmImage } from './ImportVmImage.js';
import { ListImagePackages } from './ListImagePackages.js';
import { ListImageScanFindingAggregations } from './ListImageScanFindingAggregations.js';
import { ListImageScanFindings } from './ListImageScanFindings.js';
import { GetComponentPolicy } from './GetComponentPolicy.js';
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
  CancelLifecycleExecution,
  CreateComponent,
  CreateContainerRecipe,
  CreateDistributionConfiguration,
  CreateImage,
  CreateImagePipeline,
  CreateImageRecipe,
  CreateInfrastructureConfiguration,
  CreateLifecyclePolicy,
  CreateWorkflow,
  DeleteComponent,
  DeleteContainerRecipe,
  DeleteDistributionConfiguration,
  DeleteImage,
  DeleteImagePipeline,
  DeleteImageRecipe,
  DeleteInfrastructureConfiguration,
  DeleteLifecyclePolicy,
  DeleteWorkflow,
  DistributeImage,
  GetComponent,
  GetComponentPolicy,
  GetContainerRecipe,
  GetContainerRecipePolicy,
  GetDistributionConfiguration,
  GetImage,
  GetImagePipeline,
  GetImagePolicy,
  GetImageRecipe,
  GetImageRecipePolicy,
  GetInfrastructureConfiguration,
  GetLifecycleExecution,
  GetLifecyclePolicy,
  GetMarketplaceResource,
  GetWorkflow,
  GetWorkflowExecution,
  GetWorkflowStepExecution,
  ImportComponent,
  ImportDiskImage,
  ImportVmImage,
  ListComponentBuildVersions,
  ListComponents,
  ListContainerRecipes,
  ListDistributionConfigurations,
  ListImageBuildVersions,
  ListImagePackages,
  ListImagePipelineImages,
  ListImagePipelines,
  ListImageRecipes,
  ListImageScanFindingAggregations,
  ListImageScanFindings,
  ListImages,
  ListInfrastructureConfigurations,
  ListLifecycleExecutionResources,
  ListLifecycleExecutions,
  ListLifecyclePolicies,
  ListTagsForResource,
  ListWaitingWorkflowSteps,
  ListWorkflowBuildVersions,
  ListWorkflowExecutions,
  ListWorkflowStepExecutions,
  ListWorkflows,
  PutComponentPolicy,
  PutContainerRecipePolicy,
  PutImagePolicy,
  PutImageRecipePolicy,
  RetryImage,
  SendWorkflowStepAction,
  StartImagePipelineExecution,
  StartResourceStateUpdate,
  TagResource,
  UntagResource,
  UpdateDistributionConfiguration,
  UpdateImagePipeline,
  UpdateInfrastructureConfiguration,
  UpdateLifecyclePolicy,
};
