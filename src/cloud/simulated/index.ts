// The simulated cloud: every port implemented over one shared world state.
import type { CloudPorts } from '../ports.js';
import type { Sim } from './sim.js';
import { simulatedEc2Export } from './ec2-export.js';
import { simulatedEc2Images } from './ec2-images.js';
import { simulatedEc2Lifecycle } from './ec2-lifecycle.js';
import { simulatedEc2Templates } from './ec2-templates.js';
import { simulatedEcr } from './ecr.js';
import { simulatedKms } from './kms.js';
import { simulatedLicenseManager } from './license-manager.js';
import { simulatedOrganizations } from './organizations.js';
import { simulatedS3 } from './s3.js';
import { simulatedSsm } from './ssm.js';
import { simulatedSts } from './sts.js';

export type { Sim, WorldConfig } from './sim.js';
export { MAX_CONCURRENT_COPIES } from './ec2-images.js';

/** Builds every port over the given simulation. */
export function simulatedPorts(sim: Sim): CloudPorts {
  return {
    ec2: { ...simulatedEc2Images(sim), ...simulatedEc2Templates(sim), ...simulatedEc2Export(sim), ...simulatedEc2Lifecycle(sim) },
    ecr: simulatedEcr(sim),
    s3: simulatedS3(sim),
    ssm: simulatedSsm(sim),
    sts: simulatedSts(sim),
    organizations: simulatedOrganizations(sim),
    kms: simulatedKms(sim),
    licenseManager: simulatedLicenseManager(sim),
  };
}
