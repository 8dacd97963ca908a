// The EC2 operations ibex answers (one file each); the rest of the model answers InvalidAction.
import type { WorldHandlers } from '../world-call.js';
import { CopyImage } from './CopyImage.js';
import { CreateImage } from './CreateImage.js';
import { CreateLaunchTemplate } from './CreateLaunchTemplate.js';
import { CreateLaunchTemplateVersion } from './CreateLaunchTemplateVersion.js';
import { CreateTags } from './CreateTags.js';
import { DeleteLaunchTemplate } from './DeleteLaunchTemplate.js';
import { DeleteSnapshot } from './DeleteSnapshot.js';
import { DeleteTags } from './DeleteTags.js';
import { DeregisterImage } from './DeregisterImage.js';
import { DescribeExportImageTasks } from './DescribeExportImageTasks.js';
import { DescribeFastLaunchImages } from './DescribeFastLaunchImages.js';
import { DescribeImageAttribute } from './DescribeImageAttribute.js';
import { DescribeImages } from './DescribeImages.js';
import { DescribeLaunchTemplates } from './DescribeLaunchTemplates.js';
import { DescribeLaunchTemplateVersions } from './DescribeLaunchTemplateVersions.js';
import { DescribeRegions } from './DescribeRegions.js';
import { DescribeTags } from './DescribeTags.js';
import { DisableFastLaunch } from './DisableFastLaunch.js';
import { DisableImage } from './DisableImage.js';
import { DisableImageBlockPublicAccess } from './DisableImageBlockPublicAccess.js';
import { DisableImageDeprecation } from './DisableImageDeprecation.js';
import { EnableImage } from './EnableImage.js';
import { EnableImageDeprecation } from './EnableImageDeprecation.js';
import { EnableFastLaunch } from './EnableFastLaunch.js';
import { EnableImageBlockPublicAccess } from './EnableImageBlockPublicAccess.js';
import { ExportImage } from './ExportImage.js';
import { GetImageBlockPublicAccessState } from './GetImageBlockPublicAccessState.js';
import { ModifyImageAttribute } from './ModifyImageAttribute.js';
import { ModifyLaunchTemplate } from './ModifyLaunchTemplate.js';
import { RegisterImage } from './RegisterImage.js';

export const EC2_HANDLERS: WorldHandlers = {
  CopyImage,
  CreateImage,
  CreateLaunchTemplate,
  CreateLaunchTemplateVersion,
  CreateTags,
  DeleteLaunchTemplate,
  DeleteSnapshot,
  DeleteTags,
  DeregisterImage,
  DescribeExportImageTasks,
  DescribeFastLaunchImages,
  DescribeImageAttribute,
  DescribeImages,
  DescribeLaunchTemplates,
  DescribeLaunchTemplateVersions,
  DescribeRegions,
  DescribeTags,
  DisableFastLaunch,
  DisableImage,
  DisableImageBlockPublicAccess,
  DisableImageDeprecation,
  EnableImage,
  EnableImageDeprecation,
  EnableFastLaunch,
  EnableImageBlockPublicAccess,
  ExportImage,
  GetImageBlockPublicAccessState,
  ModifyImageAttribute,
  ModifyLaunchTemplate,
  RegisterImage,
};
