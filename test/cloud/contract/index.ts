// The port contract suite: every behaviour the engine relies on, runnable against any backend
// that provides a ContractEnv (the simulated world today; AWS or moto endpoints later).
import { ec2CrossAccountContract } from './ec2-cross-account.contract.js';
import { ec2DryRunContract } from './ec2-dry-run.contract.js';
import { ec2ExtrasContract } from './ec2-extras.contract.js';
import { ec2ImagesContract } from './ec2-images.contract.js';
import { ec2SharingContract } from './ec2-sharing.contract.js';
import type { EnvFactory } from './env.js';
import { servicesContract } from './services.contract.js';

export type { ContractEnv, ContractFixture, EnvFactory } from './env.js';
// The lifecycle calls are a suite of their own so that a backend can run it with its own
// timings (every runner — in-process, ibex on ibex, moto — registers both).
export { ec2LifecycleContract } from './ec2-lifecycle.contract.js';

/** Registers the whole contract suite for one backend. */
export function portContract(make: EnvFactory): void {
  ec2ImagesContract(make);
  ec2SharingContract(make);
  ec2CrossAccountContract(make);
  ec2ExtrasContract(make);
  ec2DryRunContract(make);
  servicesContract(make);
}
