// Runs the port contract suite against the simulated world (zero timings and with timings), and
// the lifecycle-call contract (zero timings).
import { after, describe } from 'node:test';
import { ec2LifecycleContract, portContract } from './contract/index.js';
import { simulatedEnv, type SimulatedEnv } from './simulated-env.js';

const opened: SimulatedEnv[] = [];
after(() => opened.forEach((e) => e.close?.()));

describe('simulated world, zero timings', () => {
  const make = () => {
    const env = simulatedEnv();
    opened.push(env);
    return env;
  };
  portContract(make);
  ec2LifecycleContract(make);
});

describe('simulated world, with timings', () => {
  portContract(() => {
    const env = simulatedEnv({ copyImageMs: 5000, buildMs: 7000, exportImageMs: 3000, fastLaunchMs: 1000 });
    opened.push(env);
    return env;
  });
});
