// Every step kind's definition; the mapped type makes the compiler reject a missing one.
import type { StepDefinitions } from './contract.js';
import { copyImage } from './copyImage.js';
import { exportImage } from './exportImage.js';
import { fastLaunch } from './fastLaunch.js';
import { grantLaunch } from './grantLaunch.js';
import { launchTemplate } from './launchTemplate.js';
import { licenseImage } from './licenseImage.js';
import { pushContainer } from './pushContainer.js';
import { revokeLaunch } from './revokeLaunch.js';
import { setDefaultVersion } from './setDefaultVersion.js';
import { setParameter } from './setParameter.js';
import { shareImage } from './shareImage.js';
import { ssmParameter } from './ssmParameter.js';
import { tagImage } from './tagImage.js';
import { waitExport } from './waitExport.js';
import { waitImage } from './waitImage.js';

export const stepDefinitions: StepDefinitions = {
  grantLaunch,
  copyImage,
  waitImage,
  tagImage,
  shareImage,
  licenseImage,
  launchTemplate,
  ssmParameter,
  exportImage,
  waitExport,
  fastLaunch,
  pushContainer,
  revokeLaunch,
  setParameter,
  setDefaultVersion,
};
