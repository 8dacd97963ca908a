// Runs the port contract suite against moto through the AWS adapter. moto's gaps are asserted
// as moto's actual behaviour (see MOTO_GAPS and docs/known-differences.md).
import { after, before, describe } from 'node:test';
import { ec2LifecycleContract, portContract } from '../contract/index.js';
import { startMoto, type Moto } from './moto.js';
import { motoEnv, type MotoEnv } from './moto-env.js';

let moto: Moto;
const opened: MotoEnv[] = [];
before(async () => {
  moto = await startMoto();
});
after(async () => {
  opened.forEach((e) => e.close?.());
  await moto?.stop();
});

describe('AWS adapter against moto', () => {
  const make = async () => {
    const env = await motoEnv(moto.url);
    opened.push(env);
    return env;
  };
  portContract(make);
  ec2LifecycleContract(make);
});
