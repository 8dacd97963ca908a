// Runs the port contract suite against the simulated world (zero timings and with timings).
import { after, describe } from 'node:test';
import { portContract } from './contract/index.js';
import { simulatedEnv, type SimulatedEnv } from './simulated-env.js';

const opened: SimulatedEnv[] = [];
after(() => opened.forEach((e) => e.close?.()));

describe('simulated world, zero timings', () => {
  portContract(() => {
    const env = simulatedEnv();
    opened.push(env);
    return env;
  });
});

describe('simulated world, with timings', () => {
  portContract(() => {
    const env = simulatedEnv({ copyImageMs: 5000, buildMs: 7000, exportImageMs: 3000, fastLaunchMs: 1000 });
    opened.push(env);
    return env;
  });
});
